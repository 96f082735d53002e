using System.Globalization;
using NetGen;
using Samples.Shared;
using SeedExample;

// The 2-2-2 worked example, computed by the code NetGen generated for SeedNet at compile time.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var net = new SeedNet();
WorkedExample.Load(net);

Console.WriteLine("NetGen: the 2-2-2 worked example, one training step at learning rate 0.6");
Console.WriteLine("inputs i1 = 0.1, i2 = 0.5; targets 0.05, 0.95; shared biases b_h = 0.25, b_o = 0.35 (not trained)");
Console.WriteLine("The example publishes its values truncated (cut, not rounded) to 5 decimals: \"match\" means NetGen's");
Console.WriteLine("full value, truncated the same way, is the published one (out_h1 = 0.601087879 is published as 0.60108;");
Console.WriteLine("rounded, it would be 0.60109).");
Console.WriteLine();

var step = new ExplanationRecorder<double>();
net.ExplainStep(WorkedExample.Input, WorkedExample.Target, WorkedExample.LearningRate, step);

int mismatches = 0;
void Show(string label, string name, double value)
{
    string published = WorkedExample.Published.TryGetValue(name, out double p) ? p.ToString("F5") : "";
    string mark = published.Length == 0 ? "" : WorkedExample.Matches(value, p) ? "match" : "MISMATCH";
    if (mark == "MISMATCH") mismatches++;
    Console.WriteLine($"  {label,-34} {value,14:F9}   {published,-9} {mark}");
}

Console.WriteLine($"  {"value",-34} {"NetGen",14}   {"published (truncated)",-9}");
Console.WriteLine("Forward pass");
foreach (string name in new[] { "sum_h1", "out_h1", "sum_h2", "out_h2", "sum_o1", "out_o1", "sum_o2", "out_o2" })
{
    Show(name, name, step[name]);
}
Console.WriteLine("Error");
Show("E1 = 1/2 (target_o1 - out_o1)^2", "E1", step["E1"]);
Show("E2 = 1/2 (target_o2 - out_o2)^2", "E2", step["E2"]);
Show("E_total = E1 + E2", "E_total", step["E_total"]);

Console.WriteLine("Output layer: dE/dw = dE/dout * dout/dsum * dsum/dw");
foreach (string o in new[] { "o1", "o2" })
{
    Show($"dE_dout_{o}", $"dE_dout_{o}", step[$"dE_dout_{o}"]);
    Show($"dout_{o}_dsum_{o}", $"dout_{o}_dsum_{o}", step[$"dout_{o}_dsum_{o}"]);
}
foreach (var (example, name, _) in WorkedExample.Weights[4..])
{
    Show($"dE_d{name} ({example})", "dE_d" + name, step["dE_d" + name]);
}
Console.WriteLine("Hidden layer: dE/dout_h = sum over outputs of dE/dsum_o * w_o_h");
foreach (string h in new[] { "h1", "h2" })
{
    Show($"dE_dout_{h}", $"dE_dout_{h}", step[$"dE_dout_{h}"]);
    Show($"dout_{h}_dsum_{h}", $"dout_{h}_dsum_{h}", step[$"dout_{h}_dsum_{h}"]);
}
foreach (var (example, name, _) in WorkedExample.Weights[..4])
{
    Show($"dE_d{name} ({example})", "dE_d" + name, step["dE_d" + name]);
}
Console.WriteLine("New weights: w - 0.6 * dE/dw");
foreach (var (example, name, _) in WorkedExample.Weights[4..].Concat(WorkedExample.Weights[..4]))
{
    Show($"{example} = {name}", name, net.Parameters[WorkedExample.IndexOf(SeedNet.ParameterNames, name)]);
}
Console.WriteLine(mismatches == 0
    ? "All published values match (each is NetGen's value truncated to 5 decimals)."
    : $"{mismatches} published value(s) do NOT match.");

// The example's figure, redrawn with the numbers of this step: every unit, weight, gradient and new weight.
NetworkFigure.Write<SeedNet, double>(step, "worked-example.svg");
Console.WriteLine($"The step as a figure: {System.IO.Path.GetFullPath("worked-example.svg")}");

Console.WriteLine();
Console.WriteLine("Training on for 10,000 more steps (shared biases frozen, as in the example):");
var frozenCurve = Training.Curve(net);

Console.WriteLine();
Console.WriteLine("The readers' question: what if every unit has its own bias, and training updates it?");
var withBiases = new SeedNetWithBiases();
Training.LoadWithBiases(withBiases);
Console.WriteLine($"SeedNetWithBiases starts from the same weights with b_h1 = b_h2 = 0.25 and b_o1 = b_o2 = 0.35,");
Console.WriteLine("takes the same first step, then trains on for 10,000 more.");
withBiases.TrainStep(WorkedExample.Input, WorkedExample.Target, WorkedExample.LearningRate);
var trainedCurve = Training.Curve(withBiases);

Console.WriteLine();
Console.WriteLine($"{"more steps",10} {"E_total, frozen shared biases",32} {"E_total, trained biases",26}");
for (int k = 0; k < frozenCurve.Count; k++)
{
    Console.WriteLine($"{frozenCurve[k].Step,10:N0} {Numbers.Scientific(frozenCurve[k].Error),32} {Numbers.Scientific(trainedCurve[k].Error),26}");
}
Console.WriteLine($"Steps until E_total < 1e-4: {Training.StepsBelow(new SeedNet(), WorkedExample.Load, 1e-4):N0} with frozen shared biases, " +
    $"{Training.StepsBelow(new SeedNetWithBiases(), Training.LoadWithBiases, 1e-4):N0} with trained per-unit biases.");
Console.WriteLine("Trained biases let each output unit shift its sigmoid towards its own target (0.05 or 0.95)");
Console.WriteLine("instead of reaching it through the weights alone.");
return mismatches == 0 ? 0 : 1;
