namespace NetGen.Package.Tests;

/// <summary>
/// The 2-2-2 worked example written out by hand with arrays: sigmoid units, one shared bias per layer that
/// training leaves alone, E = sum 1/2 (t - o)^2, plain SGD. Independent of NetGen, to check the packaged
/// generator's output after many steps.
/// </summary>
internal sealed class WorkedExampleReference
{
    private const double HiddenBias = 0.25;
    private const double OutputBias = 0.35;

    // hidden[j, i] joins input i to hidden unit j: w1 = i1->h1, w2 = i1->h2, w3 = i2->h1, w4 = i2->h2.
    private readonly double[,] _hidden = { { 0.1, 0.3 }, { 0.2, 0.4 } };

    // output[k, j] joins hidden unit j to output k: w5 = h1->o1, w6 = h2->o1, w7 = h1->o2, w8 = h2->o2.
    private readonly double[,] _output = { { 0.5, 0.6 }, { 0.7, 0.8 } };

    public (double[] Hidden, double[] Output) Forward(double[] input)
    {
        var hidden = new double[2];
        var output = new double[2];
        for (int j = 0; j < 2; j++)
        {
            hidden[j] = Sigmoid(_hidden[j, 0] * input[0] + _hidden[j, 1] * input[1] + HiddenBias);
        }
        for (int k = 0; k < 2; k++)
        {
            output[k] = Sigmoid(_output[k, 0] * hidden[0] + _output[k, 1] * hidden[1] + OutputBias);
        }
        return (hidden, output);
    }

    /// <summary>One SGD step; returns the error before it.</summary>
    public double TrainStep(double[] input, double[] target, double learningRate)
    {
        var (hidden, output) = Forward(input);
        var deltaOutput = new double[2];
        double error = 0;
        for (int k = 0; k < 2; k++)
        {
            error += 0.5 * (target[k] - output[k]) * (target[k] - output[k]);
            deltaOutput[k] = (output[k] - target[k]) * output[k] * (1 - output[k]);
        }
        var deltaHidden = new double[2];
        for (int j = 0; j < 2; j++)
        {
            double back = deltaOutput[0] * _output[0, j] + deltaOutput[1] * _output[1, j];
            deltaHidden[j] = back * hidden[j] * (1 - hidden[j]);
        }
        for (int k = 0; k < 2; k++)
        {
            for (int j = 0; j < 2; j++)
            {
                _output[k, j] -= learningRate * deltaOutput[k] * hidden[j];
            }
        }
        for (int j = 0; j < 2; j++)
        {
            for (int i = 0; i < 2; i++)
            {
                _hidden[j, i] -= learningRate * deltaHidden[j] * input[i];
            }
        }
        return error;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
