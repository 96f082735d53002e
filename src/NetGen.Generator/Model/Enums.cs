namespace NetGen.Generator.Model;

// Mirrors of the runtime library's enums (NetGen.Activation, ...). The generator cannot reference the
// runtime library (it targets net8.0+), so it reads the attribute's enum arguments as their numbers;
// the values here must stay equal to the runtime's.

internal enum ActivationKind
{
    Identity = 0,
    Sigmoid = 1,
    Tanh = 2,
    ReLU = 3,
    LeakyReLU = 4,
    Softmax = 5,
}

internal enum BiasKind
{
    PerNeuron = 0,
    SharedPerLayer = 1,
}

internal enum LossKind
{
    HalfSquaredError = 0,
    MeanSquaredError = 1,
    CrossEntropy = 2,
}

internal enum PrecisionKind
{
    Double = 0,
    Single = 1,
}

internal enum CodeStyleKind
{
    Auto = 0,
    Unrolled = 1,
    Loops = 2,
}
