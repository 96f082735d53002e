namespace NetGen.Tests.Recurrent;

/// <summary>
/// Explain of a loop-style recurrent network: every state and gate of every step under the unrolled names, the
/// gradients the parameters get, and ExplainStep takes TrainStep's step to the bit.
/// </summary>
public class LoopRecurrentExplainTests
{
    [Fact]
    public void Explain_reports_states_gates_and_gradients_by_their_names()
    {
        var net = Random(new GruLoopNet(), 6);
        double[] input = Enumerable.Range(0, GruLoopNet.InputCount).Select(k => Math.Sin(k)).ToArray(), target = { 0.3 };
        var recorder = new ExplanationRecorder<double>();
        double loss = net.Explain(input, target, recorder);

        var output = new double[1];
        net.Forward(input, output);
        Assert.Equal(output[0], recorder["out_o1"]);
        var state = new double[GruLoopNet.StateSize];
        var step = new double[1];
        net.Step(input.AsSpan(0, 2), state, step);
        // h1_t1_j is the state after one step from zero; r, z, n of every step are there too.
        for (int j = 0; j < 16; j++)
        {
            Assert.Equal(state[j], recorder[$"h1_t1_{j + 1}"]);
        }
        Assert.True(recorder.Contains("r1_t50_16") && recorder.Contains("z1_t3_2") && recorder.Contains("n1_t1_1") && recorder.Contains("dE_dsum_r1_t1_1"));

        var gradient = new double[GruLoopNet.ParameterCount];
        Assert.Equal(net.Backward(input, target, gradient), loss);
        for (int k = 0; k < GruLoopNet.ParameterCount; k++)
        {
            Assert.Equal(gradient[k], recorder["dE_d" + GruLoopNet.ParameterNames[k]]);
        }
    }

    [Fact]
    public void ExplainStep_takes_TrainSteps_step()
    {
        LstmLoopNet a = Random(new LstmLoopNet(), 7), b = Random(new LstmLoopNet(), 7);
        double[] input = Enumerable.Range(0, LstmLoopNet.InputCount).Select(k => Math.Cos(k)).ToArray(), target = { -0.2 };
        var recorder = new ExplanationRecorder<double>();
        Assert.Equal(a.TrainStep(input, target, 0.1), b.ExplainStep(input, target, 0.1, recorder));
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());
        Assert.True(recorder.TookStep);
        Assert.True(recorder.Contains("c1_t50_16") && recorder.Contains("dE_dw_f1_3_h1_4"));
    }

    private static TNet Random<TNet>(TNet net, int seed)
        where TNet : INetwork<TNet, double>
    {
        var random = new Random(seed);
        for (int k = 0; k < TNet.ParameterCount; k++)
        {
            net.Parameters[k] = random.NextDouble() - 0.5;
        }
        return net;
    }
}
