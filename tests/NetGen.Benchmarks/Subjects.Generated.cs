using System.Numerics;

namespace NetGen.Benchmarks;

public static partial class Subjects
{
    /// <summary>The generated network declared in Networks.cs for a topology and precision.</summary>
    public static Subject Generated<T>(string topology, Workload<T> workload)
        where T : unmanaged, IFloatingPointIeee754<T> => (topology, workload) switch
        {
            ("2-2-2", Workload<double> d) => new NetGenSubject<D_2_2_2, double>(d),
            ("2-2-2", Workload<float> f) => new NetGenSubject<F_2_2_2, float>(f),
            ("4-8-3", Workload<double> d) => new NetGenSubject<D_4_8_3, double>(d),
            ("4-8-3", Workload<float> f) => new NetGenSubject<F_4_8_3, float>(f),
            ("16-16-4", Workload<double> d) => new NetGenSubject<D_16_16_4, double>(d),
            ("16-16-4", Workload<float> f) => new NetGenSubject<F_16_16_4, float>(f),
            ("64-32-10", Workload<double> d) => new NetGenSubject<D_64_32_10, double>(d),
            ("64-32-10", Workload<float> f) => new NetGenSubject<F_64_32_10, float>(f),
            ("784-128-10", Workload<double> d) => new NetGenSubject<Mnist, double>(d),
            ("784-128-10", Workload<float> f) => new NetGenSubject<F_784_128_10, float>(f),
            _ => throw new ArgumentException($"No network is declared for {topology} in {typeof(T).Name}.", nameof(topology)),
        };
}
