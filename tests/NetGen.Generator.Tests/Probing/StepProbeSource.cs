namespace NetGen.Generator.Tests.Probing;

/// <summary>What the tests see of a recurrent network's streaming Step, in double[] terms.</summary>
public interface IStepProbe
{
    int Steps { get; }
    int StepInputCount { get; }
    int StepOutputCount { get; }
    int StateSize { get; }

    /// <summary>Sets the parameters, runs every step of <paramref name="input"/> from a zero state, and returns each step's outputs, one after another.</summary>
    double[] RunSteps(double[] parameters, double[] input);

    /// <summary>The bytes allocated by <paramref name="calls"/> calls of Step on one state.</summary>
    long StepAllocations(int calls);
}

/// <summary>Writes the <see cref="IStepProbe"/> adapter of a recurrent network declared by <see cref="ProbeSource"/>.</summary>
internal static class StepProbeSource
{
    public static string For(string className, bool single)
    {
        string t = single ? "float" : "double";
        return $$"""
            public sealed class {{className}}Stepper : global::NetGen.Generator.Tests.Probing.IStepProbe
            {
                private readonly {{className}} _net = new();
                public int Steps => {{className}}.Steps;
                public int StepInputCount => {{className}}.StepInputCount;
                public int StepOutputCount => {{className}}.StepOutputCount;
                public int StateSize => {{className}}.StateSize;
                public double[] RunSteps(double[] parameters, double[] input)
                {
                    global::System.Array.ConvertAll(parameters, v => ({{t}})v).CopyTo(_net.Parameters);
                    var x = global::System.Array.ConvertAll(input, v => ({{t}})v);
                    var state = new {{t}}[StateSize];
                    var output = new {{t}}[StepOutputCount];
                    var all = new double[Steps * StepOutputCount];
                    for (int t = 0; t < Steps; t++)
                    {
                        _net.Step(global::System.MemoryExtensions.AsSpan(x, t * StepInputCount, StepInputCount), state, output);
                        for (int k = 0; k < output.Length; k++) all[t * output.Length + k] = output[k];
                    }
                    return all;
                }
                public long StepAllocations(int calls)
                {
                    var x = new {{t}}[StepInputCount];
                    var state = new {{t}}[StateSize];
                    var output = new {{t}}[StepOutputCount];
                    _net.Step(x, state, output);
                    long before = global::System.GC.GetAllocatedBytesForCurrentThread();
                    for (int k = 0; k < calls; k++) _net.Step(x, state, output);
                    return global::System.GC.GetAllocatedBytesForCurrentThread() - before;
                }
            }
            """;
    }
}
