namespace OnnxScorer;

/// <summary>
/// A small three-class problem in the plane: which of three overlapping clouds a point came from.
/// Generated from a fixed seed, so that training and the printed predictions are reproducible.
/// </summary>
internal static class Points
{
    public const int Classes = 3;

    private static readonly (float X, float Y)[] Centres = { (-1.0f, -0.6f), (1.0f, -0.6f), (0.0f, 1.1f) };

    public static List<(float[] Input, int Label)> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var points = new List<(float[], int)>(count);
        for (int n = 0; n < count; n++)
        {
            int label = n % Classes;
            // Box-Muller: a normal sample from two uniform ones.
            double radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * 0.55;
            double angle = 2 * Math.PI * random.NextDouble();
            points.Add((new[] { Centres[label].X + (float)(radius * Math.Cos(angle)), Centres[label].Y + (float)(radius * Math.Sin(angle)) }, label));
        }
        return points;
    }

    public static float[] OneHot(int label)
    {
        var target = new float[Classes];
        target[label] = 1;
        return target;
    }
}
