using NetGen;

// Two raw measurements in (centimetres around 0-10 and 100-130), three kinds out.
[Network("2-6-3", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class FlowerNet { }
