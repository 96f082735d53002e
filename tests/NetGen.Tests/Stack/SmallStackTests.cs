using System.IO;
using System.Numerics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NetGen.Tests.Stack;

/// <summary>
/// Loop-form networks with buffers of hundreds of KB run every entry point on a thread of 256 KB of stack and give the
/// same numbers, bit for bit, as on a thread of 64 MB. When those buffers were stack-allocated, these runs overflowed
/// the stack, which ends the process (no exception to catch).
/// </summary>
public class SmallStackTests
{
    private const int SmallStack = 256 * 1024, LargeStack = 64 * 1024 * 1024;

    [Fact]
    public void Long_lstm_runs_on_a_small_stack() =>
        AssertSameOnSmallStack(() => Run<LongLstmLoopNet, double>(new LongLstmLoopNet(), (n, i, t) => n.Explain(i, t, TextWriter.Null), Steps<LongLstmLoopNet, double>));

    [Fact]
    public void Long_stacked_float_cells_run_on_a_small_stack() =>
        AssertSameOnSmallStack(() => Run<LongStackedFloatLoopNet, float>(new LongStackedFloatLoopNet(), (n, i, t) => n.Explain(i, t, TextWriter.Null), Steps<LongStackedFloatLoopNet, float>));

    [Fact]
    public void Wide_convolution_map_runs_on_a_small_stack() =>
        AssertSameOnSmallStack(() => Run<WideMapLoopNet, double>(new WideMapLoopNet(), (n, i, t) => n.Explain(i, t, TextWriter.Null), steps: null));

    private static void AssertSameOnSmallStack(Func<double[]> run)
    {
        double[] reference = OnThread(LargeStack, run), small = OnThread(SmallStack, run);
        Assert.Equal(reference.Length, small.Length);
        Assert.Equal(reference, small);
        Assert.Contains(reference, v => v != 0);
    }

    /// <summary>Runs <paramref name="work"/> on a new thread of <paramref name="stackSize"/> bytes of stack and returns its result.</summary>
    internal static TResult OnThread<TResult>(int stackSize, Func<TResult> work)
    {
        TResult? result = default;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
        }, stackSize);
        thread.Start();
        thread.Join();
        error?.Throw();
        return result!;
    }

    /// <summary>
    /// Every entry point in turn on seeded parameters and rows: Forward, Backward, BackwardBatch, ForwardBatch, Explain,
    /// Step over the whole sequence (recurrent networks), TrainStep, TrainBatch; every output, loss, gradient and the
    /// parameters after each step, as doubles.
    /// </summary>
    internal static double[] Run<TNet, T>(TNet net, Func<TNet, T[], T[], T> explain, Func<TNet, T[], T[]>? steps)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int rows = 3;
        var random = new Random(11);
        for (int k = 0; k < TNet.ParameterCount; k++)
        {
            net.Parameters[k] = T.CreateChecked((random.NextDouble() - 0.5) * 0.4);
        }
        T[] inputs = Enumerable.Range(0, rows * TNet.InputCount).Select(_ => T.CreateChecked(random.NextDouble() * 2 - 1)).ToArray();
        T[] targets = Enumerable.Range(0, rows * TNet.OutputCount).Select(_ => T.CreateChecked(random.NextDouble())).ToArray();
        T[] input = inputs[..TNet.InputCount], target = targets[..TNet.OutputCount];
        T[] output = new T[TNet.OutputCount], outputs = new T[rows * TNet.OutputCount], gradient = new T[TNet.ParameterCount];
        T rate = T.CreateChecked(0.01);
        var values = new List<T>();
        net.Forward(input, output);
        values.AddRange(output);
        values.Add(net.Backward(input, target, gradient));
        values.AddRange(gradient);
        Array.Clear(gradient);
        values.Add(net.BackwardBatch(inputs, targets, gradient));
        values.AddRange(gradient);
        net.ForwardBatch(inputs, outputs);
        values.AddRange(outputs);
        values.Add(explain(net, input, target));
        if (steps is not null)
        {
            values.AddRange(steps(net, input));
        }
        values.Add(net.TrainStep(input, target, rate));
        values.AddRange(net.Parameters.ToArray());
        values.Add(net.TrainBatch(inputs, targets, rate));
        values.AddRange(net.Parameters.ToArray());
        return values.Select(double.CreateChecked).ToArray();
    }

    /// <summary>Step through the whole sequence from a zero state: the last step's outputs, then the state.</summary>
    internal static T[] Steps<TNet, T>(TNet net, T[] input)
        where TNet : IRecurrentNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] state = new T[TNet.StateSize], output = new T[TNet.StepOutputCount];
        for (int t = 0; t < TNet.Steps; t++)
        {
            net.Step(input.AsSpan(t * TNet.StepInputCount, TNet.StepInputCount), state, output);
        }
        return output.Concat(state).ToArray();
    }
}
