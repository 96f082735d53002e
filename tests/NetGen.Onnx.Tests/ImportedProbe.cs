using System.Reflection;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Declares a network compiled from a model plus a static probe class beside it, and calls the probe by
/// reflection after loading: spans cannot cross reflection, arrays can.
/// </summary>
internal static class ImportedProbe
{
    public static string Declare(string className, string attributeArguments, string type, string body = "") => $$"""
        namespace Imported
        {
            using System;
            using NetGen;

            [Network({{attributeArguments}})]
            public partial class {{className}} { {{body}} }

            public static class {{className}}Probe
            {
                public static {{type}}[] Forward({{type}}[] batch)
                {
                    var net = new {{className}}();
                    int n = {{className}}.InputCount, m = {{className}}.OutputCount;
                    var outputs = new {{type}}[batch.Length / n * m];
                    for (int r = 0; r < batch.Length / n; r++)
                    {
                        net.Forward(new ReadOnlySpan<{{type}}>(batch, r * n, n), new Span<{{type}}>(outputs, r * m, m));
                    }
                    return outputs;
                }

                public static {{type}}[] Parameters() => new {{className}}().Parameters.ToArray();

                public static {{type}}[] TrainedValues() => {{className}}.TrainedParameters.ToArray();

                public static int[] LayerSizes() => {{className}}.LayerSizes.ToArray();

                public static Activation[] LayerActivations() => {{className}}.LayerActivations.ToArray();

                public static double LeakyReLUSlope() => {{className}}.LeakyReLUSlope;

                public static {{type}} TrainStep({{type}}[] input, {{type}}[] target, {{type}} rate, {{type}}[] parameters)
                {
                    var net = new {{className}}();
                    {{type}} loss = net.TrainStep(input, target, rate);
                    net.Parameters.CopyTo(parameters);
                    return loss;
                }
            }
        }
        """;

    public static T Call<T>(Assembly assembly, string className, string method, params object[] arguments) =>
        (T)assembly.GetType($"Imported.{className}Probe", throwOnError: true)!.GetMethod(method)!.Invoke(null, arguments)!;
}
