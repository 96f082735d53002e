using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using NetGen;
using NetGen.Data;

namespace Digits;

/// <summary>The 8x8 handwritten digits: loading, scaling and the held-out split, shared by the sample and its test.</summary>
public static class DigitsData
{
    /// <summary>Pixels per image side.</summary>
    public const int Side = 8;

    /// <summary>The share of images held out, never seen in training, to measure the final accuracy.</summary>
    public const double TestFraction = 0.3;

    /// <summary>
    /// digits.csv.gz in the program's output folder: the 1,797 images of scikit-learn's <c>load_digits</c>
    /// (UCI "Optical Recognition of Handwritten Digits", Alpaydin and Kaynak, CC BY 4.0), one per line:
    /// 64 pixels row by row, each a count 0..16 of the ink in a 4x4 block of the 32x32 scan, then the digit.
    /// </summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "digits.csv.gz");

    /// <summary>
    /// The images with their pixels divided by 16 (so into [0, 1], the range the initialisers assume) and the
    /// digit one-hot encoded in ten targets, output k for digit k.
    /// </summary>
    public static DataSet<double> Load(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        CsvData<double> csv = Csv.Load<double>(reader, Path.GetFileName(path), new CsvOptions
        {
            HasHeader = false,
            Separator = ',',
            Features = Enumerable.Range(0, Side * Side).Select(c => (CsvColumn)c).ToArray(),
            Label = Side * Side,
            ClassNames = Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        });
        DataSet<double> raw = csv.Data;
        var pixels = new double[raw.Count * raw.InputWidth];
        var targets = new double[raw.Count * raw.TargetWidth];
        for (int row = 0; row < raw.Count; row++)
        {
            ReadOnlySpan<double> image = raw.Input(row);
            for (int k = 0; k < image.Length; k++)
            {
                pixels[row * raw.InputWidth + k] = image[k] / 16;
            }
            raw.Target(row).CopyTo(targets.AsSpan(row * raw.TargetWidth));
        }
        return DataSet<double>.FromFlat(pixels, targets, raw.InputWidth, raw.TargetWidth);
    }

    /// <summary>
    /// Shuffles the images with <paramref name="seed"/> and holds out 30% (539 of 1,797). The split is shuffled,
    /// not stratified: each digit is about a tenth of the data, so every digit gets about 54 held-out images.
    /// </summary>
    public static (DataSet<double> Training, DataSet<double> Test) Split(DataSet<double> all, int seed) =>
        all.Split(TestFraction, seed);

    /// <summary>The digit of a one-hot target row.</summary>
    public static int Label(ReadOnlySpan<double> target) => target.IndexOf(1.0);
}
