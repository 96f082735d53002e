namespace NetGen.Generator.Tests.Probing;

/// <summary>Writes the C# of a network declaration plus the <see cref="IProbe"/> adapter that drives it.</summary>
internal static class ProbeSource
{
    public static string For(string className, string attribute, bool single)
    {
        string t = single ? "float" : "double";
        return $$"""
            [{{attribute}}]
            public partial class {{className}} { }

            public sealed class {{className}}Probe : global::NetGen.Generator.Tests.Probing.IProbe
            {
                private readonly {{className}} _net = new();
                public int InputCount => {{className}}.InputCount;
                public int OutputCount => {{className}}.OutputCount;
                public int ParameterCount => {{className}}.ParameterCount;
                public bool[] Trainable => {{className}}.ParameterIsTrainable.ToArray();
                public double[] GetParameters() => Widen(_net.Parameters.ToArray());
                public void SetParameters(double[] values) => Narrow(values).CopyTo(_net.Parameters);
                public double[] Forward(double[] input)
                {
                    var output = new {{t}}[{{className}}.OutputCount];
                    _net.Forward(Narrow(input), output);
                    return Widen(output);
                }
                public double Backward(double[] input, double[] target, double[] gradient)
                {
                    var g = Narrow(gradient);
                    double loss = _net.Backward(Narrow(input), Narrow(target), g);
                    Widen(g).CopyTo(gradient, 0);
                    return loss;
                }
                public double TrainStep(double[] input, double[] target, double learningRate) =>
                    _net.TrainStep(Narrow(input), Narrow(target), ({{t}})learningRate);
                public double BackwardBatch(double[] inputs, double[] targets, double[] gradient)
                {
                    var g = Narrow(gradient);
                    double loss = _net.BackwardBatch(Narrow(inputs), Narrow(targets), g);
                    Widen(g).CopyTo(gradient, 0);
                    return loss;
                }
                public double TrainBatch(double[] inputs, double[] targets, double learningRate) =>
                    _net.TrainBatch(Narrow(inputs), Narrow(targets), ({{t}})learningRate);
                public global::NetGen.GradientCheck.Result CheckGradient(double[] input, double[] target, double step, double floor) =>
                    global::NetGen.GradientCheck.Run<{{className}}, {{t}}>(_net, Narrow(input), Narrow(target), step, floor);
                private static {{t}}[] Narrow(double[] values) => global::System.Array.ConvertAll(values, v => ({{t}})v);
                private static double[] Widen({{t}}[] values) => global::System.Array.ConvertAll(values, v => (double)v);
            }
            """;
    }

    public static string File(IEnumerable<string> declarations) =>
        "using System;\nusing System.Linq;\nusing NetGen;\n\n" + string.Join("\n\n", declarations);
}
