namespace NetGen.Generator.Model;

/// <summary>Where one named argument of the attribute is written, for diagnostics about it.</summary>
internal sealed record ArgumentLocation(string Name, LocationInfo? Location);

/// <summary>
/// A <c>[Network(OnnxModel = "...")]</c> declaration as plain data, waiting for its model to be read.
/// Arguments the user left out are null: the model decides them. Loss, TrainBiases and CodeStyle are
/// not in a model and keep the attribute's defaults.
/// </summary>
internal sealed record OnnxImportRequest(
    TypeShape Type,
    LocationInfo? ClassLocation,
    string ModelPath,
    string? Topology,
    ActivationKind? Activation,
    ActivationKind? Output,
    BiasKind? Bias,
    double? LeakyReLUSlope,
    PrecisionKind? Precision,
    LossKind Loss,
    bool TrainBiases,
    CodeStyleKind CodeStyle,
    EquatableArray<ArgumentLocation> Locations)
{
    /// <summary>Where argument <paramref name="name"/> is written (constructor arguments are "topology" and "activation"), else where the model is named.</summary>
    public LocationInfo? LocationOf(string name)
    {
        foreach (ArgumentLocation argument in Locations)
        {
            if (argument.Name == name)
            {
                return argument.Location;
            }
        }
        return name == "OnnxModel" ? null : LocationOf("OnnxModel");
    }
}
