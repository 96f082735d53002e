using NetGen;

namespace NetGen.Benchmarks;

// The matrix as a user declares it (CodeStyle.Auto): sigmoid layers, 1/2 squared error, per-neuron biases.
[Network("2-2-2", Activation.Sigmoid)] public partial class D_2_2_2 { }
[Network("2-2-2", Activation.Sigmoid, Precision = Precision.Single)] public partial class F_2_2_2 { }
[Network("4-8-3", Activation.Sigmoid)] public partial class D_4_8_3 { }
[Network("4-8-3", Activation.Sigmoid, Precision = Precision.Single)] public partial class F_4_8_3 { }
[Network("16-16-4", Activation.Sigmoid)] public partial class D_16_16_4 { }
[Network("16-16-4", Activation.Sigmoid, Precision = Precision.Single)] public partial class F_16_16_4 { }
[Network("64-32-10", Activation.Sigmoid)] public partial class D_64_32_10 { }
[Network("64-32-10", Activation.Sigmoid, Precision = Precision.Single)] public partial class F_64_32_10 { }
[Network("784-128-10", Activation.Sigmoid)] public partial class Mnist { }
[Network("784-128-10", Activation.Sigmoid, Precision = Precision.Single)] public partial class F_784_128_10 { }

// The same topologies in both code styles, to measure where unrolling stops paying (UnrollThresholdBenchmarks).
[Network("2-2-2", Activation.Sigmoid, CodeStyle = CodeStyle.Unrolled)] public partial class U_2_2_2 { }
[Network("2-2-2", Activation.Sigmoid, CodeStyle = CodeStyle.Loops)] public partial class L_2_2_2 { }
[Network("4-8-3", Activation.Sigmoid, CodeStyle = CodeStyle.Unrolled)] public partial class U_4_8_3 { }
[Network("4-8-3", Activation.Sigmoid, CodeStyle = CodeStyle.Loops)] public partial class L_4_8_3 { }
[Network("8-8-8", Activation.Sigmoid, CodeStyle = CodeStyle.Unrolled)] public partial class U_8_8_8 { }
[Network("8-8-8", Activation.Sigmoid, CodeStyle = CodeStyle.Loops)] public partial class L_8_8_8 { }
[Network("10-10-10", Activation.Sigmoid, CodeStyle = CodeStyle.Unrolled)] public partial class U_10_10_10 { }
[Network("10-10-10", Activation.Sigmoid, CodeStyle = CodeStyle.Loops)] public partial class L_10_10_10 { }
[Network("12-12-8", Activation.Sigmoid, CodeStyle = CodeStyle.Unrolled)] public partial class U_12_12_8 { }
[Network("12-12-8", Activation.Sigmoid, CodeStyle = CodeStyle.Loops)] public partial class L_12_12_8 { }
[Network("16-16-4", Activation.Sigmoid, CodeStyle = CodeStyle.Unrolled)] public partial class U_16_16_4 { }
[Network("16-16-4", Activation.Sigmoid, CodeStyle = CodeStyle.Loops)] public partial class L_16_16_4 { }
[Network("20-20-8", Activation.Sigmoid, CodeStyle = CodeStyle.Unrolled)] public partial class U_20_20_8 { }
[Network("20-20-8", Activation.Sigmoid, CodeStyle = CodeStyle.Loops)] public partial class L_20_20_8 { }
[Network("24-24-8", Activation.Sigmoid, CodeStyle = CodeStyle.Unrolled)] public partial class U_24_24_8 { }
[Network("24-24-8", Activation.Sigmoid, CodeStyle = CodeStyle.Loops)] public partial class L_24_24_8 { }
[Network("64-32-10", Activation.Sigmoid, CodeStyle = CodeStyle.Unrolled)] public partial class U_64_32_10 { }
[Network("64-32-10", Activation.Sigmoid, CodeStyle = CodeStyle.Loops)] public partial class L_64_32_10 { }
