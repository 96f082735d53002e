using System;
using NetGen;

namespace Adding;

/// <summary>
/// Feeds one sequence to a recurrent network one time step at a time, as a device reading a stream would: the
/// state is the caller's, zero before the first step, and after the last step the output is Forward's.
/// </summary>
public static class Streaming
{
    /// <summary>The output after each step of <paramref name="sequence"/> (<c>[time, features]</c>), fed through <see cref="IRecurrentNetwork{TSelf, T}.Step"/>.</summary>
    public static float[] Outputs<TNet>(TNet net, ReadOnlySpan<float> sequence)
        where TNet : IRecurrentNetwork<TNet, float>
    {
        Span<float> state = stackalloc float[TNet.StateSize];
        Span<float> output = stackalloc float[TNet.StepOutputCount];
        var outputs = new float[TNet.Steps];
        for (int t = 0; t < TNet.Steps; t++)
        {
            net.Step(sequence.Slice(t * TNet.StepInputCount, TNet.StepInputCount), state, output);
            outputs[t] = output[0];
        }
        return outputs;
    }

    /// <summary>Prints the running prediction at the marked steps and the end, beside Forward's answer and the target.</summary>
    public static void Show<TNet>(TNet net, ReadOnlySpan<float> sequence, float target)
        where TNet : IRecurrentNetwork<TNet, float>
    {
        float[] outputs = Outputs(net, sequence);
        for (int t = 0; t < TNet.Steps; t++)
        {
            float value = sequence[t * TNet.StepInputCount], marker = sequence[t * TNet.StepInputCount + 1];
            if (marker != 0 || t == 0 || t == TNet.Steps - 1)
            {
                Console.WriteLine($"  step {t + 1,2}: value {value:F3}{(marker != 0 ? " (marked)" : "         ")}   prediction so far {outputs[t]:F4}");
            }
        }
        Span<float> forward = stackalloc float[1];
        net.Forward(sequence, forward);
        Console.WriteLine($"  after {TNet.Steps} steps: Step says {outputs[^1]:R}, Forward says {forward[0]:R}{(outputs[^1] == forward[0] ? " (the same)" : "")}; the target is {target:F4}");
    }
}
