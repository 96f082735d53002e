extern alias GeneratorLibrary;

using System.Collections;
using System.Reflection;

namespace NetGen.Onnx.Tests.Recurrent;

/// <summary>
/// What the generator's importer made of a recurrent model, read through reflection (the importer is internal):
/// the network's layers as a <see cref="LayerInfo"/> table and its parameters, so that
/// <see cref="RecurrentLayers"/> can compute it without compiling generated code.
/// </summary>
internal sealed record ImportedRecurrent(int[] InputShape, LayerInfo[] Layers, bool SharedBias, double[] Parameters, string Topology)
{
    public static ImportedRecurrent From(ImporterProbe.Outcome outcome, byte[] model)
    {
        Assert.True(outcome.Network is not null, outcome.ToString());
        object network = NetworkObject(model);
        int[] inputShape = ((IEnumerable)Property(network, "InputShape")!).Cast<int>().ToArray();
        bool shared = Property(network, "Bias")!.ToString() == "SharedPerLayer";
        int[] shape = inputShape;
        int offset = 0;
        var layers = new List<LayerInfo>();
        foreach (object spec in ((IEnumerable)Property(network, "Layers")!).Cast<object>())
        {
            string kind = Property(spec, "Kind")!.ToString()!;
            var activation = Enum.Parse<Activation>(Property(spec, "Activation")!.ToString()!);
            int[] output = ((IEnumerable)Property(spec, "OutputShape")!).Cast<int>().ToArray();
            int width = (int)Property(spec, "Width")!;
            LayerInfo info = kind switch
            {
                "SimpleRnn" or "Gru" or "Lstm" => LayerInfo.Recurrent(Enum.Parse<LayerKind>(kind), activation, shape[0], shape[1], output[^1], output.Length == 2, offset),
                "PerStepDense" => LayerInfo.PerStepDense(shape[0], shape[1], output[1], activation, offset, shared ? 1 : output[1]),
                "Dense" => LayerInfo.Dense(shape.Aggregate(1, (a, b) => a * b), width, activation, offset, shared ? 1 : width),
                _ => throw new NotSupportedException(kind),
            };
            layers.Add(info);
            offset += info.WeightCount + info.BiasCount;
            shape = info.OutputShape.ToArray();
        }
        double[] parameters = outcome.Network!.Parameters;
        Assert.Equal(offset, parameters.Length);
        return new ImportedRecurrent(inputShape, layers.ToArray(), shared, parameters, outcome.Network.ToString());
    }

    /// <summary>Forward of one sample by PyTorch's definitions, with the imported parameters.</summary>
    public double[] Forward(double[] input)
    {
        double[] values = input;
        foreach (LayerInfo layer in Layers)
        {
            values = RecurrentLayers.Forward(layer, values, Parameters, 0.01);
        }
        return values;
    }

    public string Describe() => string.Join(" - ", Layers.Select(l => $"{l.Kind}[{string.Join("x", l.OutputShape)}]:{l.Activation}"));

    private static object NetworkObject(byte[] model)
    {
        Assembly generator = typeof(GeneratorLibrary::NetGen.Generator.NetworkGenerator).Assembly;
        MethodInfo fromBytes = generator.GetType("NetGen.Generator.Onnx.OnnxModelLoader", throwOnError: true)!.GetMethod("FromBytes")!;
        object file = fromBytes.Invoke(null, new object[] { "model.onnx", model })!;
        return Property(file, "Network")!;
    }

    private static object? Property(object instance, string name) =>
        instance.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)!.GetValue(instance);
}
