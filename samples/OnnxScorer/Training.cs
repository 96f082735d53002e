using NetGen;
using NetGen.Onnx;

namespace OnnxScorer;

/// <summary>The network that produced Models/scorer.onnx: declared by topology, trained here, exported.</summary>
[Network("2-8:tanh-3", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Precision = Precision.Single)]
public partial class ScorerTrainer { }

internal static class Training
{
    /// <summary>Trains <see cref="ScorerTrainer"/> on fixed data and writes it as an ONNX model.</summary>
    public static void TrainAndExport(string path)
    {
        var net = new ScorerTrainer();
        var random = new Random(1);
        Span<float> parameters = net.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = (float)(random.NextDouble() - 0.5);
        }
        var data = Points.Generate(600, seed: 2);
        for (int epoch = 1; epoch <= 60; epoch++)
        {
            float loss = 0;
            foreach (var (input, label) in data.OrderBy(_ => random.Next()))
            {
                loss += net.TrainStep(input, Points.OneHot(label), 0.05f);
            }
            if (epoch % 20 == 0)
            {
                Console.WriteLine($"epoch {epoch}: mean cross-entropy {loss / data.Count:F4}");
            }
        }
        OnnxExporter.Save(net, path);
        Console.WriteLine($"wrote {path} ({new FileInfo(path).Length} bytes); rebuild to compile it into Scorer");
    }
}
