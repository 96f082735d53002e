using NetGen;

namespace OnnxScorer;

/// <summary>
/// Compiled at build time from Models/scorer.onnx (an AdditionalFiles item): topology, activations and
/// trained weights all come from the model.
/// </summary>
[Network(OnnxModel = "Models/scorer.onnx")]
public partial class Scorer { }
