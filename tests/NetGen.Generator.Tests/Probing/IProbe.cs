namespace NetGen.Generator.Tests.Probing;

/// <summary>
/// What the tests see of a network compiled in-process: the generated contract in double[] terms, so
/// that one test can drive double and float networks alike (spans cannot cross reflection).
/// </summary>
public interface IProbe
{
    int InputCount { get; }
    int OutputCount { get; }
    int ParameterCount { get; }
    bool[] Trainable { get; }
    double[] GetParameters();
    void SetParameters(double[] values);
    double[] Forward(double[] input);
    double Backward(double[] input, double[] target, double[] gradient);
    double TrainStep(double[] input, double[] target, double learningRate);
    double BackwardBatch(double[] inputs, double[] targets, double[] gradient);
    double TrainBatch(double[] inputs, double[] targets, double learningRate);
    NetGen.GradientCheck.Result CheckGradient(double[] input, double[] target, double step, double floor);
}
