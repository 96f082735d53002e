using System.Globalization;
using OnnxScorer;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string modelPath = Path.Combine(AppContext.BaseDirectory, "Models", "scorer.onnx");

if (args.Length == 2 && args[0] == "--train")
{
    // Regenerates the shipped model: dotnet run --project samples/OnnxScorer -- --train samples/OnnxScorer/Models/scorer.onnx
    Training.TrainAndExport(args[1]);
    return 0;
}
return Comparison.Run(modelPath);
