using NetGen;

namespace SeedExample;

/// <summary>Trains a 2-2-2 network on the example's single sample and samples its error along the way.</summary>
internal static class Training
{
    private static readonly int[] Checkpoints = { 1, 10, 100, 1_000, 10_000 };

    /// <summary>Runs 10,000 TrainSteps and returns E_total (before the step) at a few checkpoints.</summary>
    public static List<(int Step, double Error)> Curve<TNet>(TNet net)
        where TNet : INetwork<TNet, double>
    {
        var curve = new List<(int, double)>();
        for (int step = 1; step <= Checkpoints[^1]; step++)
        {
            double error = net.TrainStep(WorkedExample.Input, WorkedExample.Target, WorkedExample.LearningRate);
            if (Array.IndexOf(Checkpoints, step) >= 0)
            {
                curve.Add((step, error));
            }
        }
        return curve;
    }

    /// <summary>How many TrainSteps from the example's start until E_total falls below <paramref name="error"/>.</summary>
    public static int StepsBelow<TNet>(TNet net, Action<TNet> load, double error)
        where TNet : INetwork<TNet, double>
    {
        load(net);
        int steps = 0;
        while (net.TrainStep(WorkedExample.Input, WorkedExample.Target, WorkedExample.LearningRate) >= error && steps < 1_000_000)
        {
            steps++;
        }
        return steps;
    }

    public static void LoadWithBiases(SeedNetWithBiases net)
    {
        foreach (var (_, name, value) in WorkedExample.Weights)
        {
            net.Parameters[WorkedExample.IndexOf(SeedNetWithBiases.ParameterNames, name)] = value;
        }
        net.Params.b_h1 = net.Params.b_h2 = WorkedExample.HiddenBias;
        net.Params.b_o1 = net.Params.b_o2 = WorkedExample.OutputBias;
    }
}
