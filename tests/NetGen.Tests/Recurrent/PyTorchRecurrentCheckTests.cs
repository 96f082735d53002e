using NetGen;

namespace NetGen.Tests.Recurrent;

// The three networks of docs/checks/pytorch-rnn-check.py, unrolled.

[Network("3x2 - gru2 - 1:identity", Activation.Tanh, CodeStyle = CodeStyle.Unrolled)]
public partial class PyTorchCheckGru { }

[Network("3x2 - lstm2(return=sequence) - 2:softmax", Activation.Tanh, Loss = Loss.CrossEntropy, CodeStyle = CodeStyle.Unrolled)]
public partial class PyTorchCheckLstm { }

[Network("4x2 - rnn3:relu - rnn2(return=sequence) - flatten - 1", Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanSquaredError, CodeStyle = CodeStyle.Unrolled)]
public partial class PyTorchCheckRnn { }

/// <summary>
/// Unrolled recurrent networks against PyTorch 1.13 autograd (<c>/usr/bin/python3 docs/checks/pytorch-rnn-check.py</c>;
/// the figures below are its output): torch.nn.GRU, LSTM and RNN (ReLU, stacked) loaded from NetGen's flat parameter
/// vector without reshuffling, a last-state head, a per-step softmax head with cross-entropy, and a flattened head.
/// </summary>
public class PyTorchRecurrentCheckTests
{
    private static readonly double[] OutputGru =
    {
        0.534982553151789,
    };

    private static readonly double[] GradientGru =
    {
        0.00010139053831385735, -4.0141702189862138e-05, 0.00014206566188971963, 0.00015143847072326939, -0.000755492091924231,
        -0.00043864613258257095, 0.00060195975529156204, 0.00053984019297516903, -0.0018426527153439, 0.00045326775036257398,
        -0.0030496686839971143, -0.0031792899416404536, -4.2026087665189961e-05, -6.3910649893339912e-05, 3.3010182706268853e-05,
        6.495068024879873e-05, 6.1845294621695789e-05, 0.00010415102052491646, 9.6026785390267258e-05, 0.00020231222609463478,
        0.00021351156581408349, 0.00031680541879276232, -0.00048931606584205853, -0.00097121300145439874, 0.00037076460977660919,
        -0.00017276699479433166, -0.0012225993201117466, -0.00040747512928144419, -0.0066485742789238597, 0.0035306861436814568,
        0.00037076460977660913, -0.00017276699479433166, -0.0012225993201117463, -0.00040747512928144419, -0.0029068676803030036,
        0.0025308637277477765, -0.0074595755294867708, -0.0036658185659230714, 0.034982553151788998,
    };

    private static readonly double[] OutputLstm =
    {
        0.60926245373310339, 0.39073754626689666, 0.57637413490133826, 0.42362586509866174, 0.56910927244284304,
        0.43089072755715691,
    };

    private static readonly double[] GradientLstm =
    {
        -0.010148346301573087, -0.012601322177136318, -0.015450809389209461, -0.020028404375125864, -0.0058793202115171635,
        -0.0068004961175138871, -0.0040847549245855812, -0.0038054862121897413, -0.21159113996356099, -0.20030009802403664,
        -0.054182440862630459, -0.052263654379801433, -0.017925478773756311, -0.016971635548845451, -0.027839832560224036,
        -0.030244171665992636, 0.0010316177505989709, 0.00094918937991203003, 0.0023757020027086137, 0.0028148634734468233,
        0.00072284176855928251, 0.00089817715465575164, 0.00039796809433555354, 0.000620364888895914, 0.0078405021974762706,
        0.006852648615716701, 0.0018823587123016419, 0.0013048140582527172, 0.0014061609729436304, 0.0020088225364433836,
        0.0033938952237476598, 0.004617086314852561, 0.008539220648332976, 0.029478532628607387, 0.0079166886467412351,
        0.0038897709110146594, -0.070650030493967231, -0.021370017881165815, 0.0096998547680178342, 0.038139652647834643,
        0.008539220648332976, 0.029478532628607387, 0.0079166886467412351, 0.0038897709110146594, -0.070650030493967245,
        -0.021370017881165815, 0.0096998547680178342, 0.038139652647834636, -0.0095433974169858212, -0.10968252160323379,
        0.0095433974169858229, 0.10968252160323376, -0.045254138922715181, 0.045254138922715237,
    };

    private static readonly double[] OutputRnn =
    {
        -0.40499702259897513,
    };

    private static readonly double[] GradientRnn =
    {
        -0.0072663708857615876, -0.013115919829432431, -0.037825232989231315, -0.037593772565359389, -0.041522537693215733,
        -0.032630755457218295, 0.0033914103227171057, -0.0017149443234459945, -0.0054588571734164194, 0.0001098939937218187,
        0, 0.007178541826827106, -0.01555708104803599, -0.0020628728221885094, 0.0014837646820838419,
        -0.015132852701275245, 0.040144699776900043, 0.013003023388382143, -0.015132852701275245, 0.040144699776900043,
        0.013003023388382141, 0.11083921022829828, -0.031680865063147969, -0.027399056299714314, 0.093092418424666729,
        -0.0076221513186245744, 0.023795978632531033, -0.05817369151358244, 0.039602166403987997, -0.041704069023315533,
        0.024200007331749908, 0.098841712557907274, 0.1075509379056722, 0.098841712557907274, 0.1075509379056722,
        -0.15215577915346062, -0.072878535089466748, -0.13021287386665431, -0.025121722449182975, -0.05206202980435308,
        -0.13610893224351997, -0.047398420284130535, -0.1146217708055324, -0.30999404519795026,
    };

    [Fact]
    public void Gru_agrees_with_PyTorch_autograd() =>
        Check(new PyTorchCheckGru(), new[] { 0.5 }, OutputGru, 0.00061188951250887118, GradientGru);

    [Fact]
    public void Lstm_with_a_per_step_softmax_agrees_with_PyTorch_autograd() =>
        Check(new PyTorchCheckLstm(), new[] { 0.2, 0.8, 0.6, 0.4, 1.0, 0.0 }, OutputLstm, 2.0887202110942211, GradientLstm);

    [Fact]
    public void Stacked_ReLU_and_tanh_RNN_agrees_with_PyTorch_autograd() =>
        Check(new PyTorchCheckRnn(), new[] { -0.25 }, OutputRnn, 0.024024077014547209, GradientRnn);

    private static void Check<TNet>(TNet net, double[] target, double[] output, double loss, double[] gradient)
        where TNet : INetwork<TNet, double>
    {
        // The script's parameters and inputs: p_k = sin(k + 1) / 2, x_k = cos(0.7 k).
        for (int k = 0; k < TNet.ParameterCount; k++)
        {
            net.Parameters[k] = Math.Sin(k + 1) * 0.5;
        }
        double[] x = Enumerable.Range(0, TNet.InputCount).Select(k => Math.Cos(k * 0.7)).ToArray();
        var actual = new double[TNet.OutputCount];
        net.Forward(x, actual);
        var g = new double[TNet.ParameterCount];
        double e = net.Backward(x, target, g);
        Assert.Equal(gradient.Length, g.Length);
        Assert.Equal(output.Length, actual.Length);
        Assert.True(Math.Abs(loss - e) < 1e-14, $"loss {e:R}, PyTorch {loss:R}");
        for (int k = 0; k < output.Length; k++)
        {
            Assert.True(Math.Abs(output[k] - actual[k]) < 1e-14, $"output {k}: {actual[k]:R}, PyTorch {output[k]:R}");
        }
        for (int k = 0; k < g.Length; k++)
        {
            Assert.True(Math.Abs(gradient[k] - g[k]) < 1e-14, $"gradient {k} ({TNet.ParameterNames[k]}): {g[k]:R}, PyTorch {gradient[k]:R}");
        }
    }
}
