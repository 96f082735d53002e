using System;

namespace NetGen;

/// <summary>
/// Random orthogonal matrices for recurrent weights: the Q of a seeded Gaussian matrix's QR decomposition with
/// R's diagonal made positive (as Keras's and PyTorch's <c>orthogonal_</c> do, so Q is uniformly distributed).
/// An orthogonal hidden-to-hidden block keeps the state's norm from step to step at the start of training, so
/// gradients through time neither vanish nor explode at once (Saxe, McClelland and Ganguli 2014).
/// </summary>
internal static class Orthogonal
{
    /// <summary>
    /// Fills <paramref name="q"/> (<paramref name="n"/> x <paramref name="n"/>, row-major) with an orthogonal matrix
    /// drawn from <paramref name="random"/>: n x n standard normal draws, then Gram-Schmidt on the columns.
    /// </summary>
    public static void Draw(ref SeededRandom random, int n, Span<double> q)
    {
        for (int k = 0; k < n * n; k++)
        {
            q[k] = Gaussian(ref random);
        }
        for (int j = 0; j < n; j++)
        {
            // Modified Gram-Schmidt, done twice ("twice is enough", Giraud et al. 2005): once leaves an error of
            // eps x cond(A), which for a 64 x 64 Gaussian matrix would break orthogonality to 1e-12.
            for (int pass = 0; pass < 2; pass++)
            {
                for (int i = 0; i < j; i++)
                {
                    double dot = 0;
                    for (int r = 0; r < n; r++)
                    {
                        dot += q[r * n + i] * q[r * n + j];
                    }
                    for (int r = 0; r < n; r++)
                    {
                        q[r * n + j] -= dot * q[r * n + i];
                    }
                }
            }
            double norm = 0;
            for (int r = 0; r < n; r++)
            {
                norm += q[r * n + j] * q[r * n + j];
            }
            norm = Math.Sqrt(norm); // positive, so R's diagonal is positive: the sign rule of orthogonal_
            for (int r = 0; r < n; r++)
            {
                q[r * n + j] /= norm;
            }
        }
    }

    /// <summary>A standard normal draw (Box-Muller); 1 - u keeps the logarithm's argument in (0, 1].</summary>
    private static double Gaussian(ref SeededRandom random)
    {
        double u = 1 - random.NextDouble(), v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
