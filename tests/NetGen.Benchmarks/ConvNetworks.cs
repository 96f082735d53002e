using System.Numerics;

namespace NetGen.Benchmarks;

// The convolution benchmarks' networks as a user declares them (CodeStyle.Auto), matching ConvTopology.
[Network("1x8x8 - conv3x3x8(padding=same):relu - maxpool2 - 32:relu - 10:softmax", Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class DigitsCnn { }
[Network("1x8x8 - conv3x3x8(padding=same):relu - maxpool2 - 32:relu - 10:softmax", Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Precision = Precision.Single)]
public partial class F_DigitsCnn { }
[Network("3x64 - conv5x8:relu - maxpool2 - conv3x8:relu - maxpool2 - 16:relu - 4:softmax", Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class SignalCnn { }
[Network("3x64 - conv5x8:relu - maxpool2 - conv3x8:relu - maxpool2 - 16:relu - 4:softmax", Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Precision = Precision.Single)]
public partial class F_SignalCnn { }

public static partial class Subjects
{
    /// <summary>The generated network declared above for a convolutional topology and precision.</summary>
    public static ConvSubject GeneratedConv<T>(ConvWorkload<T> workload)
        where T : unmanaged, IFloatingPointIeee754<T> => (workload.Topology.Name, workload) switch
        {
            ("digits", ConvWorkload<double> d) => new NetGenConvSubject<DigitsCnn, double>(d),
            ("digits", ConvWorkload<float> f) => new NetGenConvSubject<F_DigitsCnn, float>(f),
            ("signal", ConvWorkload<double> d) => new NetGenConvSubject<SignalCnn, double>(d),
            ("signal", ConvWorkload<float> f) => new NetGenConvSubject<F_SignalCnn, float>(f),
            _ => throw new NotSupportedException($"No NetGen network is declared for {workload.Topology} in {typeof(T).Name}."),
        };
}
