using NetGen;

namespace NetGen.Tests.Spatial;

// The two networks of docs/checks/pytorch-conv-check.py in CodeStyle.Loops.

[Network("2x6x6 - conv3x2(padding=same):relu - maxpool2 - conv2x3:tanh - gap - 3:softmax", Activation.ReLU, Loss = Loss.CrossEntropy, CodeStyle = CodeStyle.Loops)]
public partial class PyTorchCheckLoopsA { }

[Network("2x11 - conv3x3(stride=2, dilation=2):sigmoid - avgpool2 - 2", Activation.Sigmoid, Output = Activation.Identity, CodeStyle = CodeStyle.Loops)]
public partial class PyTorchCheckLoopsB { }

/// <summary>
/// Loop-style networks against PyTorch 1.13 autograd (<c>/usr/bin/python3 docs/checks/pytorch-conv-check.py</c>, the
/// figures below are its output): F.conv2d/conv1d with padding, stride and dilation, max_pool2d, avg_pool1d, mean, softmax.
/// </summary>
public class PyTorchLoopsCheckTests
{
    private static readonly double[] OutputA =
    {
        0.17077902689396035, 0.44269461848974628, 0.38652635461629337
    };

    private static readonly double[] GradientA =
    {
        -0.037571569977450515, -0.022123285401729663, 0.0037299259842946998, 0.024247112833605731, -0.0024088997803125636, -0.035619318663689663,
        0.026398362873397072, 0.053506052998310183, 0.047306500908258352, -0.036796714300790068, -0.019918872961441059, 0.0063271255726491159,
        0.022006249628581737, -0.0051252471022106257, -0.036597734901259608, 0.02981431545928814, 0.054900430620217447, 0.045141313718887653,
        -0.051738230235130689, -0.071986697364475577, -0.040252456176752362, 0.071823664368078952, 0.028033984020044516, -0.037295611658176089,
        -0.0051461906849139608, 0.017454606993907638, 0.021912341628733782, -0.055002959264773152, -0.072170317713504656, -0.037350575856519463,
        0.06885494710330721, 0.022714482174359524, -0.041363290054234295, -0.0029029754319760083, 0.019344760749455684, 0.021563110437628676,
        -0.065363275611219643, -0.059508118219039077, -0.00092894340294425348, -0.0010758980800105336, -0.00099234232079230158,
        -0.0013625173767128549, -0.0099255495505550344, -0.012671113671699675, -0.010724471154899343, -0.013065089741160897,
        0.0031779847578486966, 0.0027617247282197177, 0.0030439957951698435, 0.0041645461839003931, 0.029101672884010044, 0.037979432415109385,
        0.032777947817481577, 0.041153861630421743, 0.007257430066386592, 0.0076528610640527912, 0.0071048707968125275, 0.010431118360513731,
        0.073089140371451797, 0.093669933937726296, 0.080778997444391987, 0.097964109701647734, -0.018132282987779129, 0.056201751582321414,
        0.13540546240317641, -0.012330004461035207, -0.0199684772650526, 0.0019772932287906589, 0.060211043491246133, 0.097511956046696893,
        -0.0096557052327023423, -0.047881039030210924, -0.07754347878164429, 0.0076784120039116825, -0.029220973106039678, 0.14269461848974629,
        -0.11347364538370661
    };

    private static readonly double[] OutputB =
    {
        0.25862742269182715, -0.24531925264257062
    };

    private static readonly double[] GradientB =
    {
        0.018358446592376124, -0.0071605655124700922, -0.020792568315785201, -0.0074935536997468811, -0.020727752875509129,
        0.00044747982976179576, -0.0050854610196559213, 0.01136439060403409, 0.0089486070231959685, 0.011482509846454349, 0.00877939198906744,
        -0.0084980935008882371, -0.013476797136604277, -0.0038228894662139879, 0.012177265936212628, -0.0036034921905905913,
        0.012276085414145939, 0.0077765545182740129, -0.012516157530425216, -0.039836206620086856, 0.046939108840193824, 0.0054566562588910161,
        0.0031771932674381637, 0.0057451512870019816, 0.0043071689084560024, 0.0052157534233401087, 0.0046323726856636084, 0.16108000543469861,
        0.093790461503257538, 0.16959635289937147, 0.12714724150926487, 0.15396857524399407, 0.13674722796885391, 0.0086274226918271468,
        0.2546807473574294
    };

    [Fact]
    public void Conv2D_max_pool_and_global_pool_agree_with_PyTorch_autograd() =>
        Check(new PyTorchCheckLoopsA(), 72, new[] { 0.2, 0.3, 0.5 }, OutputA, 1.0732171010330787, GradientA);

    [Fact]
    public void Strided_dilated_Conv1D_and_average_pool_agree_with_PyTorch_autograd() =>
        Check(new PyTorchCheckLoopsB(), 22, new[] { 0.25, -0.5 }, OutputB, 0.03246835774842112, GradientB);

    private static void Check<TNet>(TNet net, int inputs, double[] target, double[] output, double loss, double[] gradient)
        where TNet : INetwork<TNet, double>
    {
        // The script's parameters and inputs: p_k = sin(k + 1) / 2, x_k = cos(0.7 k).
        for (int k = 0; k < TNet.ParameterCount; k++)
        {
            net.Parameters[k] = Math.Sin(k + 1) * 0.5;
        }
        double[] x = Enumerable.Range(0, inputs).Select(k => Math.Cos(k * 0.7)).ToArray();
        var actual = new double[TNet.OutputCount];
        net.Forward(x, actual);
        var g = new double[TNet.ParameterCount];
        double e = net.Backward(x, target, g);
        Assert.Equal(gradient.Length, g.Length);
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
