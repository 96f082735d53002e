using System.Numerics;

namespace NetGen.Benchmarks;

// The recurrent benchmarks' networks as a user declares them (CodeStyle.Auto: T = 50 and 16 units are loops), matching RecurrentWorkload.
[Network("50x2 - gru16 - 1:identity", Activation.Tanh, Loss = Loss.MeanSquaredError)]
public partial class Gru50 { }
[Network("50x2 - gru16 - 1:identity", Activation.Tanh, Loss = Loss.MeanSquaredError, Precision = Precision.Single)]
public partial class F_Gru50 { }
[Network("50x2 - lstm16 - 1:identity", Activation.Tanh, Loss = Loss.MeanSquaredError)]
public partial class Lstm50 { }
[Network("50x2 - lstm16 - 1:identity", Activation.Tanh, Loss = Loss.MeanSquaredError, Precision = Precision.Single)]
public partial class F_Lstm50 { }

public static partial class Subjects
{
    /// <summary>The generated network declared above for a recurrent workload's cell and precision.</summary>
    public static RecurrentSubject GeneratedRecurrent<T>(RecurrentWorkload<T> workload)
        where T : unmanaged, IFloatingPointIeee754<T> => (workload.Cell, workload) switch
        {
            ("gru", RecurrentWorkload<double> d) => new NetGenRecurrentSubject<Gru50, double>(d),
            ("gru", RecurrentWorkload<float> f) => new NetGenRecurrentSubject<F_Gru50, float>(f),
            ("lstm", RecurrentWorkload<double> d) => new NetGenRecurrentSubject<Lstm50, double>(d),
            ("lstm", RecurrentWorkload<float> f) => new NetGenRecurrentSubject<F_Lstm50, float>(f),
            _ => throw new NotSupportedException($"No NetGen network is declared for {workload} in {typeof(T).Name}."),
        };
}
