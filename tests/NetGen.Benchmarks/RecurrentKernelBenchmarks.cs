using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>The GRU (T = 50, 16 units, 2 features, 1 output), generated as loops over the recurrent kernels.</summary>
[Network("50x2 - gru16 - 1:identity", Activation.Tanh, CodeStyle = CodeStyle.Loops)]
public partial class GruLoopBenchNet { }

/// <summary>The LSTM of the same size, as loops.</summary>
[Network("50x2 - lstm16 - 1:identity", Activation.Tanh, CodeStyle = CodeStyle.Loops)]
public partial class LstmLoopBenchNet { }

/// <summary>
/// The loop back end's recurrent kernels on the GRU and LSTM: whole-sequence Forward, TrainStep (forward,
/// backpropagation through time, SGD), and one sequence streamed through Step (50 calls). Run short and in process:
/// <c>dotnet run -c Release -- --filter *RecurrentKernel* --job short --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class RecurrentKernelBenchmarks
{
    private readonly GruLoopBenchNet _gru = new();
    private readonly LstmLoopBenchNet _lstm = new();
    private readonly double[] _input = new double[100], _target = { 0.5 }, _output = new double[1], _state = new double[32];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(0);
        for (int k = 0; k < GruLoopBenchNet.ParameterCount; k++)
        {
            _gru.Parameters[k] = random.NextDouble() * 0.4 - 0.2;
        }
        for (int k = 0; k < LstmLoopBenchNet.ParameterCount; k++)
        {
            _lstm.Parameters[k] = random.NextDouble() * 0.4 - 0.2;
        }
        for (int k = 0; k < _input.Length; k++)
        {
            _input[k] = random.NextDouble();
        }
    }

    [Benchmark] public void GruForward() => _gru.Forward(_input, _output);

    [Benchmark] public double GruTrainStep() => _gru.TrainStep(_input, _target, 1e-9);

    [Benchmark]
    public void GruStream()
    {
        Array.Clear(_state);
        for (int t = 0; t < 50; t++)
        {
            _gru.Step(_input.AsSpan(2 * t, 2), _state.AsSpan(0, 16), _output);
        }
    }

    [Benchmark] public void LstmForward() => _lstm.Forward(_input, _output);

    [Benchmark] public double LstmTrainStep() => _lstm.TrainStep(_input, _target, 1e-9);

    [Benchmark]
    public void LstmStream()
    {
        Array.Clear(_state);
        for (int t = 0; t < 50; t++)
        {
            _lstm.Step(_input.AsSpan(2 * t, 2), _state, _output);
        }
    }
}
