using System.Globalization;
using WorkedExampleConsumer;

// Trains the 2-2-2 worked example through the NetGen package and prints name=value lines for the test to check.
var net = new WorkedExampleNet();
var start = new (string Name, double Value)[]
{
    ("w_h1_i1", 0.1), ("w_h2_i1", 0.2), ("w_h1_i2", 0.3), ("w_h2_i2", 0.4),
    ("w_o1_h1", 0.5), ("w_o1_h2", 0.6), ("w_o2_h1", 0.7), ("w_o2_h2", 0.8),
    ("b_h", 0.25), ("b_o", 0.35),
};
foreach (var (name, value) in start)
{
    net.Parameters[IndexOf(name)] = value;
}

double[] input = { 0.1, 0.5 };
double[] target = { 0.05, 0.95 };
const double LearningRate = 0.6;

Print("parameter_names", string.Join(',', WorkedExampleNet.ParameterNames.ToArray()));
Print("E_total_step_1", net.TrainStep(input, target, LearningRate));
Print("w_o1_h1_after_step_1", net.Parameters[IndexOf("w_o1_h1")]);
double error = 0;
for (int step = 2; step <= 100; step++)
{
    error = net.TrainStep(input, target, LearningRate);
}
Print("E_total_step_100", error);

Span<double> output = stackalloc double[WorkedExampleNet.OutputCount];
net.Forward(input, output);
Print("out_o1", output[0]);
Print("out_o2", output[1]);
Print("b_h", net.Parameters[IndexOf("b_h")]);

static int IndexOf(string name) => WorkedExampleNet.ParameterNames.IndexOf(name);

static void Print(string name, object value) =>
    Console.WriteLine(FormattableString.Invariant($"{name}={(value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : value)}"));
