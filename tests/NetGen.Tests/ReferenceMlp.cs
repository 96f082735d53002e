namespace NetGen.Tests;

/// <summary>
/// A deliberately plain sigmoid MLP with 1/2 squared error, written with loops over the same flat
/// parameter vector (PyTorch nn.Linear order), to check generated code against an independent
/// implementation.
/// </summary>
internal static class ReferenceMlp
{
    public static (double[][] Outputs, double Loss, double[] Gradient) Run(
        int[] sizes, bool sharedBias, double[] parameters, double[] input, double[] target)
    {
        int layers = sizes.Length - 1;
        var outs = new double[layers + 1][];
        outs[0] = input;
        var offsets = new int[layers];
        int offset = 0;
        for (int l = 0; l < layers; l++)
        {
            offsets[l] = offset;
            int fanIn = sizes[l], width = sizes[l + 1];
            outs[l + 1] = new double[width];
            for (int j = 0; j < width; j++)
            {
                double sum = parameters[offset + fanIn * width + (sharedBias ? 0 : j)];
                for (int i = 0; i < fanIn; i++)
                {
                    sum += parameters[offset + j * fanIn + i] * outs[l][i];
                }
                outs[l + 1][j] = 1 / (1 + Math.Exp(-sum));
            }
            offset += fanIn * width + (sharedBias ? 1 : width);
        }

        double[] output = outs[layers];
        double loss = 0;
        var delta = new double[output.Length];
        for (int k = 0; k < output.Length; k++)
        {
            loss += 0.5 * (target[k] - output[k]) * (target[k] - output[k]);
            delta[k] = (output[k] - target[k]) * output[k] * (1 - output[k]);
        }
        var gradient = new double[parameters.Length];
        for (int l = layers - 1; l >= 0; l--)
        {
            int fanIn = sizes[l], width = sizes[l + 1];
            var previous = new double[fanIn];
            for (int j = 0; j < width; j++)
            {
                for (int i = 0; i < fanIn; i++)
                {
                    gradient[offsets[l] + j * fanIn + i] += delta[j] * outs[l][i];
                    previous[i] += delta[j] * parameters[offsets[l] + j * fanIn + i];
                }
                gradient[offsets[l] + fanIn * width + (sharedBias ? 0 : j)] += delta[j];
            }
            if (l > 0)
            {
                for (int i = 0; i < fanIn; i++)
                {
                    previous[i] *= outs[l][i] * (1 - outs[l][i]);
                }
            }
            delta = previous;
        }
        return (outs, loss, gradient);
    }
}
