using System;
using System.Numerics;
using NetGen;

namespace Adding;

/// <summary>
/// The adding problem (Hochreiter and Schmidhuber, 1997): a sequence of <see cref="Steps"/> pairs (value, marker),
/// values uniform in [0, 1], exactly two markers set to 1 (one at a random step of each half, as is standard), the
/// target the sum of the two marked values. A network must remember a value for up to 49 steps to answer it.
/// </summary>
public static class AddingData
{
    /// <summary>Time steps per sequence.</summary>
    public const int Steps = 50;

    /// <summary>Features per step: the value and the marker.</summary>
    public const int Features = 2;

    /// <summary>
    /// <paramref name="count"/> sequences drawn with <paramref name="seed"/>, each <c>[time, features]</c> row-major
    /// (<c>input[t * 2]</c> the value, <c>input[t * 2 + 1]</c> the marker), one target each.
    /// </summary>
    public static DataSet<T> Generate<T>(int count, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var inputs = new T[count * Steps * Features];
        var targets = new T[count];
        for (int s = 0; s < count; s++)
        {
            int first = random.Next(Steps / 2), second = Steps / 2 + random.Next(Steps / 2);
            double sum = 0;
            for (int t = 0; t < Steps; t++)
            {
                // The values are rounded to T before they are added, so the target is exactly what the network reads.
                T value = T.CreateTruncating(random.NextDouble());
                bool marked = t == first || t == second;
                inputs[(s * Steps + t) * Features] = value;
                inputs[(s * Steps + t) * Features + 1] = marked ? T.One : T.Zero;
                sum += marked ? double.CreateTruncating(value) : 0;
            }
            targets[s] = T.CreateTruncating(sum);
        }
        return DataSet<T>.FromFlat(inputs, targets, Steps * Features, 1);
    }

    /// <summary>The mean squared error of always answering <paramref name="answer"/> (1.0, the expected sum, gives about 1/6: twice the variance of U(0, 1)).</summary>
    public static double ConstantAnswerMse<T>(DataSet<T> data, double answer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double total = 0;
        for (int row = 0; row < data.Count; row++)
        {
            double error = double.CreateTruncating(data.Target(row)[0]) - answer;
            total += error * error;
        }
        return total / data.Count;
    }
}
