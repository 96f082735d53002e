using System.Text;

namespace NetGen.Data.Tests;

/// <summary>
/// Large files are streamed: the reader pulls text only as rows are read, allocates nothing per row, and a
/// load holds the parsed numbers, never the file's text.
/// </summary>
public class StreamingTests
{
    private const int Rows = 200_000;
    private static readonly CsvOptions Options = new() { Label = "label", ClassNames = ["a", "b", "c"] };

    [Fact]
    public void Rows_are_pulled_from_the_file_as_they_are_read_not_before()
    {
        using var source = new GeneratedCsv(Rows);
        using var reader = new StreamReader(source, Encoding.UTF8, false, bufferSize: 4096);
        using CsvRowReader<double> rows = Csv.OpenRows<double>(reader, "generated.csv", Options);

        Assert.True(rows.Read());
        long afterFirst = source.BytesServed;
        // Sep and the StreamReader buffer a little text ahead (tens of KiB), not the ~10 MB file.
        Assert.True(afterFirst < 512 * 1024, $"{afterFirst} bytes pulled to read the first row of {source.Length}");
        Assert.Equal(2, rows.Line);
        Assert.Equal(GeneratedCsv.Feature(0, 0), rows.Features[0]);

        int count = 1;
        long maxAhead = 0;
        while (rows.Read())
        {
            count++;
            if (count % 10_000 == 0)
            {
                maxAhead = Math.Max(maxAhead, source.BytesServed - source.OffsetOfRow(count));
                Assert.Equal(GeneratedCsv.Feature(count - 1, 2), rows.Features[2]);
                Assert.Equal(count + 1, rows.Line);
            }
        }
        Assert.Equal(Rows, count);
        Assert.True(maxAhead < 512 * 1024, $"read up to {maxAhead} bytes ahead of the current row");
    }

    [Fact]
    public void Reading_row_by_row_allocates_nothing_per_row()
    {
        using var source = new GeneratedCsv(Rows);
        using var reader = new StreamReader(source, Encoding.UTF8, false, bufferSize: 4096);
        using CsvRowReader<double> rows = Csv.OpenRows<double>(reader, "generated.csv", Options);
        double sum = 0;
        Assert.True(rows.Read());   // the first row sizes Sep's buffers

        long before = GC.GetAllocatedBytesForCurrentThread();
        while (rows.Read())
        {
            sum += rows.Features[0] + rows.Targets[rows.ClassIndex];
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(sum > 0);
        // 200,000 rows of ~50 characters: a string per row would be ~20 MB, the text as one string ~20 MB too.
        Assert.True(allocated < 256 * 1024, $"{allocated} bytes allocated over {Rows} rows ({source.Length} bytes of text)");
    }

    [Fact]
    public void A_large_file_on_disk_is_read_row_by_row_in_far_less_memory_than_its_text()
    {
        string path = TestFiles.Write("large.csv", "");
        using (var file = File.Create(path))
        using (var source = new GeneratedCsv(Rows))
        {
            source.CopyTo(file);
        }
        long fileLength = new FileInfo(path).Length;

        long before = GC.GetAllocatedBytesForCurrentThread();
        int count = 0;
        using (CsvRowReader<double> rows = Csv.OpenRows<double>(path, Options))
        {
            while (rows.Read())
            {
                count++;
            }
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Rows, count);
        // Reading the file whole would allocate its text: twice its length in bytes as a string.
        Assert.True(allocated < fileLength / 16, $"{allocated} bytes allocated to read {fileLength} bytes");
        File.Delete(path);
    }

    [Fact]
    public void Loading_a_large_file_keeps_the_numbers_and_every_row()
    {
        using var source = new GeneratedCsv(Rows);
        using var reader = new StreamReader(source, Encoding.UTF8, false, bufferSize: 4096);

        CsvData<float> data = Csv.Load<float>(reader, "generated.csv", Options with { ClassNames = null });

        Assert.Equal(Rows, data.Data.Count);
        Assert.Equal(new[] { "a", "b", "c" }, data.ClassNames);
        Assert.Equal((float)GeneratedCsv.Feature(Rows - 1, 1), data.Data.Input(Rows - 1)[1]);
        Assert.Equal(1f, data.Data.Target(Rows - 1)[(Rows - 1) % 3]);
    }

    /// <summary>
    /// A CSV of <c>f0,f1,f2,f3,label</c> rows made on the fly as it is read, never held whole, counting the
    /// bytes it has served. Every row has the same length, so the offset of row k is known.
    /// </summary>
    private sealed class GeneratedCsv : Stream
    {
        private static readonly byte[] Header = Encoding.ASCII.GetBytes("f0,f1,f2,f3,label\n");
        private readonly int _rows;
        private readonly byte[] _row = new byte[RowLength];
        private long _position;

        public GeneratedCsv(int rows) => _rows = rows;

        /// <summary>"0.1234567," four times, then the label and a newline.</summary>
        private const int RowLength = 4 * 10 + 2;

        public long BytesServed => _position;

        public override long Length => Header.Length + (long)_rows * RowLength;

        /// <summary>The offset just past row <paramref name="row"/> (counting from 1).</summary>
        public long OffsetOfRow(int row) => Header.Length + (long)row * RowLength;

        /// <summary>Feature <paramref name="feature"/> of data row <paramref name="row"/> (both from 0): 7 decimals in [0, 1).</summary>
        public static double Feature(int row, int feature) => ((row * 7919L + feature * 104729L) % 10_000_000) / 1e7;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int written = 0;
            while (written < buffer.Length && _position < Length)
            {
                ReadOnlySpan<byte> chunk;
                long within;
                if (_position < Header.Length)
                {
                    chunk = Header;
                    within = _position;
                }
                else
                {
                    long row = (_position - Header.Length) / RowLength;
                    FormatRow((int)row);
                    chunk = _row;
                    within = (_position - Header.Length) % RowLength;
                }
                int take = (int)Math.Min(chunk.Length - within, buffer.Length - written);
                chunk.Slice((int)within, take).CopyTo(buffer[written..]);
                written += take;
                _position += take;
            }
            return written;
        }

        private void FormatRow(int row)
        {
            for (int f = 0; f < 4; f++)
            {
                Feature(row, f).TryFormat(_row.AsSpan(10 * f, 9), out _, "0.0000000", System.Globalization.CultureInfo.InvariantCulture);
                _row[10 * f + 9] = (byte)',';
            }
            _row[40] = (byte)('a' + row % 3);
            _row[41] = (byte)'\n';
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
