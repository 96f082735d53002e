using System.Globalization;

namespace NetGen.Data.Tests;

/// <summary>Real files, read as users have them: quoted fields, tabs, columns by name or index, labels one-hot encoded.</summary>
public class CsvLoadingTests
{
    [Fact]
    public void Quoted_fields_are_unescaped_and_numbers_read_whatever_the_culture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        // A culture whose decimal separator is ',' must not change how "1.5" reads.
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            CsvData<double> data = Csv.Load<double>(TestFiles.Path("quoted.csv"), new CsvOptions
            {
                Features = ["length, cm", "width"],
                Label = "kind",
            });

            Assert.Equal(4, data.Data.Count);
            Assert.Equal(new[] { "length, cm", "width" }, data.FeatureNames);
            Assert.Equal(new[] { 1.5, 2.25 }, data.Data.Input(0).ToArray());
            Assert.Equal(new[] { 3.0, -4.5 }, data.Data.Input(1).ToArray());
            Assert.Equal(new[] { 6.25, 0.01 }, data.Data.Input(2).ToArray());   // spaces trimmed, exponent read
            Assert.Equal(new[] { 7.0, 8.0 }, data.Data.Input(3).ToArray());
            Assert.Equal(TestFiles.Path("quoted.csv"), data.FileName);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Discovered_classes_are_sorted_ordinally_and_each_row_is_one_hot()
    {
        CsvData<double> data = Csv.Load<double>(TestFiles.Path("quoted.csv"), new CsvOptions { Features = [1, 2], Label = 4 });

        // First appearance is cat, dog, bird; sorted is bird, cat, dog.
        Assert.Equal(new[] { "bird", "cat", "dog" }, data.ClassNames);
        Assert.Equal(data.ClassNames, data.TargetNames);
        Assert.Equal(new[] { 0.0, 1.0, 0.0 }, data.Data.Target(0).ToArray());   // cat
        Assert.Equal(new[] { 0.0, 0.0, 1.0 }, data.Data.Target(1).ToArray());   // dog
        Assert.Equal(new[] { 0.0, 1.0, 0.0 }, data.Data.Target(2).ToArray());   // cat, after the two-line field
        Assert.Equal(new[] { 1.0, 0.0, 0.0 }, data.Data.Target(3).ToArray());   // bird
    }

    [Fact]
    public void Given_class_names_fix_the_one_hot_order_even_with_a_class_absent()
    {
        CsvData<float> data = Csv.Load<float>(TestFiles.Path("quoted.csv"), new CsvOptions
        {
            Features = ["width"],
            Label = "kind",
            ClassNames = ["dog", "fish", "cat", "bird"],
        });

        Assert.Equal(new[] { "dog", "fish", "cat", "bird" }, data.ClassNames);
        Assert.Equal(new[] { 0f, 0f, 1f, 0f }, data.Data.Target(0).ToArray());
        Assert.Equal(new[] { 1f, 0f, 0f, 0f }, data.Data.Target(1).ToArray());
        Assert.Equal(new[] { 0f, 0f, 0f, 1f }, data.Data.Target(3).ToArray());
    }

    [Fact]
    public void Tsv_files_are_tab_separated_by_their_extension_and_blank_lines_are_skipped()
    {
        CsvData<double> data = Csv.Load<double>(TestFiles.Path("plain.tsv"), new CsvOptions { Label = "label" });

        // Features left null: every column but the label, in file order.
        Assert.Equal(new[] { "a", "b", "c" }, data.FeatureNames);
        Assert.Equal(2, data.Data.Count);
        Assert.Equal(new[] { 1.5, 2, 3.5 }, data.Data.Input(1).ToArray());
        Assert.Equal(new[] { "x", "y" }, data.ClassNames);
    }

    [Fact]
    public void Columns_by_index_and_numeric_targets_work_without_a_header()
    {
        string path = TestFiles.Write("noheader.txt", "1;2;10\n3;4;20\n");
        CsvData<double> data = Csv.Load<double>(path, new CsvOptions { HasHeader = false, Features = [1, 0], Targets = [2] });

        Assert.Equal(new[] { "column 2", "column 1" }, data.FeatureNames);
        Assert.Equal(new[] { "column 3" }, data.TargetNames);
        Assert.Empty(data.ClassNames);
        Assert.Equal(new[] { 4.0, 3.0 }, data.Data.Input(1).ToArray());   // ';' detected by Sep
        Assert.Equal(new[] { 20.0 }, data.Data.Target(1).ToArray());
    }

    [Fact]
    public void A_text_reader_loads_like_a_file()
    {
        using var reader = new StringReader("x,y,t\n1,2,3\n");
        CsvData<double> data = Csv.Load<double>(reader, "inline", new CsvOptions { Targets = ["t"] });

        Assert.Equal(new[] { "x", "y" }, data.FeatureNames);
        Assert.Equal(new[] { 3.0 }, data.Data.Target(0).ToArray());
    }

    [Fact]
    public void The_class_names_label_the_confusion_matrix()
    {
        CsvData<double> data = Csv.Load<double>(TestFiles.Path("plain.tsv"), new CsvOptions { Label = "label" });
        var net = new ThreeFeatureNet();
        ParameterInitializer.Initialize(net, seed: 0);

        string table = Evaluate.ConfusionMatrix(net, data.Data).ToString(data.ClassNames);

        Assert.Contains("x", table.Split('\n')[1]);
        Assert.StartsWith("y", table.Split('\n')[2]);
    }
}
