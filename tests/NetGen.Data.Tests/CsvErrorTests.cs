namespace NetGen.Data.Tests;

/// <summary>Every way a file can be wrong is reported with the file, the line and the column, counting from 1.</summary>
public class CsvErrorTests
{
    private static readonly CsvOptions Flowers = new() { Features = ["length", "width"], Label = "species" };

    private static CsvDataException LoadFails(string text, CsvOptions options, string name = "flowers.csv")
    {
        string path = TestFiles.Write(name, text);
        return Assert.Throws<CsvDataException>(() => Csv.Load<double>(path, options));
    }

    [Fact]
    public void A_bad_number_names_file_line_column_and_header()
    {
        CsvDataException e = LoadFails("length,width,species\n1.0,2.0,a\n3.0,two,b\n", Flowers);
        Assert.Equal($"{e.FileName}, line 3, column 2 (\"width\"): \"two\" is not a number (numbers are read with the invariant culture: '.' as the decimal point, no thousands separators) (lines and columns count from 1)", e.Message);
        Assert.Equal((3, 2, "width"), (e.Line, e.Column, e.ColumnName));
        Assert.EndsWith("flowers.csv", e.FileName);   // the path as given
    }

    [Fact]
    public void A_decimal_comma_is_not_a_number_even_in_a_quoted_field()
    {
        CsvDataException e = LoadFails("length;width;species\n1,5;2;a\n", Flowers with { Separator = ';' });

        Assert.Equal((2, 1), (e.Line, e.Column));
        Assert.Contains("\"1,5\" is not a number", e.Message);
    }

    [Fact]
    public void Lines_after_a_field_spanning_two_lines_are_counted_as_in_an_editor()
    {
        CsvDataException e = LoadFails("length,note,width,species\n1,\"two\nlines\",2,a\n3,x,oops,b\n",
            new CsvOptions { Features = ["length", "width"], Label = "species" });

        Assert.Equal((4, 3), (e.Line, e.Column));
    }

    [Fact]
    public void Empty_infinite_and_NaN_values_are_rejected_with_their_place()
    {
        CsvDataException empty = LoadFails("length,width,species\n1,,a\n", Flowers);
        Assert.Equal((2, 2), (empty.Line, empty.Column));
        Assert.Contains("the feature is empty", empty.Message);

        CsvDataException nan = LoadFails("length,width,species\n1,2,a\nNaN,2,a\n", Flowers);
        Assert.Equal((3, 1), (nan.Line, nan.Column));
        Assert.Contains("\"NaN\" is not a finite number", nan.Message);

        CsvDataException huge = LoadFails("length,width,species\n1,1e400,a\n", Flowers);
        Assert.Equal((2, 2), (huge.Line, huge.Column));
        Assert.Contains("not a finite number", huge.Message);
    }

    [Fact]
    public void A_column_missing_from_the_header_is_named_with_the_columns_there_are()
    {
        CsvDataException e = LoadFails("length,Width,species\n1,2,a\n", Flowers);

        Assert.Equal(1, e.Line);
        Assert.Equal(0, e.Column);
        Assert.Contains("the header has no column \"width\" (names are compared exactly); its columns are \"length\", \"Width\", \"species\"", e.Message);
    }

    [Fact]
    public void An_index_past_the_last_column_is_reported_against_the_header()
    {
        CsvDataException e = LoadFails("length,width,species\n1,2,a\n", new CsvOptions { Features = [0, 5], Label = 2 });

        Assert.Equal($"{e.FileName}, line 1: the header has 3 columns, so there is no column at index 5 (counting from 0) (lines count from 1)", e.Message);
    }

    [Fact]
    public void A_short_row_names_the_missing_column()
    {
        CsvDataException e = LoadFails("length,width,species\n1,2,a\n1,2\n", Flowers);

        Assert.Equal((3, 3, "species"), (e.Line, e.Column, e.ColumnName));
        Assert.Contains("the row has only 2 columns, so this one is missing", e.Message);
    }

    [Fact]
    public void An_unknown_class_label_names_its_line_and_the_known_classes()
    {
        CsvDataException e = LoadFails("length,width,species\n1,2,setosa\n1,2,setosaa\n",
            Flowers with { ClassNames = ["setosa", "versicolor"] });

        Assert.Equal($"{e.FileName}, line 3, column 3 (\"species\"): \"setosaa\" is not one of the classes \"setosa\", \"versicolor\" (lines and columns count from 1)", e.Message);
    }

    [Fact]
    public void A_file_without_rows_a_name_without_a_header_and_a_column_chosen_twice_are_errors()
    {
        Assert.Contains("there are no data rows", LoadFails("length,width,species\n", Flowers).Message);
        Assert.Contains("read without a header", LoadFails("1,2,a\n", Flowers with { HasHeader = false }).Message);
        string path = TestFiles.Write("twice.csv", "length,width,species\n1,2,a\n");
        Assert.Throws<ArgumentException>(() => Csv.Load<double>(path, new CsvOptions { Features = ["length", "species"], Label = "species" }));
        Assert.Throws<ArgumentException>(() => Csv.Load<double>(path, new CsvOptions { Features = ["length"] }));
        Assert.Throws<ArgumentException>(() => Csv.Load<double>(path, new CsvOptions { Label = "species", Targets = ["width"] }));
    }

    [Fact]
    public void A_header_naming_a_column_twice_is_reported_on_line_1()
    {
        CsvDataException e = LoadFails("length,length,species\n1,2,a\n", Flowers);

        Assert.Equal(1, e.Line);
        Assert.StartsWith($"{e.FileName}, line 1: ", e.Message);
    }
}
