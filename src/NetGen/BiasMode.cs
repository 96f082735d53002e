namespace NetGen;

/// <summary>How many bias parameters a layer has.</summary>
public enum BiasMode
{
    /// <summary>One bias per unit, as in PyTorch's <c>nn.Linear</c>.</summary>
    PerNeuron = 0,
    /// <summary>One bias shared by every unit of the layer, as in the classic 2-2-2 worked example.</summary>
    SharedPerLayer = 1,
}
