using System.IO;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace NetGen.Benchmarks;

/// <summary>
/// Turns the matrix run into the tables of docs/benchmarks.md: medians, NetGen's allocations, and each
/// alternative's time divided by NetGen's (above 1: NetGen is faster), all from the same run.
/// </summary>
internal static class MatrixReport
{
    private static readonly string[] Alternatives = { "HandWritten", "TensorPrimitives", "OnnxRuntime", "Floor", "FloorScalar" };

    public static void Write(IEnumerable<Summary> summaries, string path)
    {
        var text = new StringBuilder();
        foreach (Summary summary in summaries)
        {
            var reports = summary.Reports.Where(r => r.ResultStatistics is not null).ToList();
            if (reports.Count == 0)
            {
                continue;
            }
            string operation = reports[0].BenchmarkCase.Descriptor.Type.Name.Replace("Benchmarks", "");
            string[] present = Alternatives.Where(a => reports.Any(r => Method(r) == a)).ToArray();
            text.AppendLine($"### {operation}").AppendLine();
            text.Append("| topology | precision | NetGen | ").Append(string.Join(" | ", present.Select(Title))).Append(" | NetGen allocated | ")
                .Append(string.Join(" | ", present.Select(a => $"{Title(a)} / NetGen"))).AppendLine(" |");
            text.Append("|---|---|---:|").Append(string.Concat(present.Select(_ => "---:|"))).Append("---:|").Append(string.Concat(present.Select(_ => "---:|"))).AppendLine();
            foreach (var row in reports.GroupBy(r => (Topology: Parameter(r, "Topology"), Precision: Parameter(r, "Precision"))))
            {
                BenchmarkReport? netgen = row.FirstOrDefault(r => Method(r) == "NetGen");
                double? mine = netgen?.ResultStatistics!.Median;
                text.Append($"| {row.Key.Topology} | {row.Key.Precision} | {Time(mine)} | ");
                text.Append(string.Join(" | ", present.Select(a => Time(Median(row, a))))).Append(" | ");
                text.Append(netgen is null ? "-" : Bytes(netgen)).Append(" | ");
                text.Append(string.Join(" | ", present.Select(a => Ratio(Median(row, a), mine)))).AppendLine(" |");
            }
            text.AppendLine();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ToString());
        Console.WriteLine(text);
        Console.WriteLine($"Written to {Path.GetFullPath(path)}");
    }

    private static string Method(BenchmarkReport report) => report.BenchmarkCase.Descriptor.WorkloadMethod.Name;

    private static string Parameter(BenchmarkReport report, string name) =>
        Convert.ToString(report.BenchmarkCase.Parameters[name], CultureInfo.InvariantCulture) ?? "";

    private static double? Median(IEnumerable<BenchmarkReport> row, string method) =>
        row.FirstOrDefault(r => Method(r) == method)?.ResultStatistics!.Median;

    private static string Title(string method) => method switch
    {
        "HandWritten" => "hand-written",
        "OnnxRuntime" => "ONNX Runtime",
        "Floor" => "floor (SIMD)",
        "FloorScalar" => "floor (scalar)",
        _ => method,
    };

    private static string Time(double? nanoseconds) => nanoseconds switch
    {
        null => "-",
        < 1_000 => nanoseconds.Value.ToString("0.0", CultureInfo.InvariantCulture) + " ns",
        < 1_000_000 => (nanoseconds.Value / 1_000).ToString("0.00", CultureInfo.InvariantCulture) + " us",
        _ => (nanoseconds.Value / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture) + " ms",
    };

    private static string Ratio(double? other, double? mine) =>
        other is null || mine is null ? "-" : (other.Value / mine.Value).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Bytes(BenchmarkReport report) =>
        report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is long bytes
            ? bytes.ToString(CultureInfo.InvariantCulture) + " B"
            : "?";
}
