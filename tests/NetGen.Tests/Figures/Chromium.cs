using System.Diagnostics;
using System.IO;

namespace NetGen.Tests.Figures;

/// <summary>Headless Chromium (Debian's <c>chromium</c> package), run as a person's browser would open a file.</summary>
internal static class Chromium
{
    public const string Executable = "/usr/bin/chromium";

    public const string Missing = "Chromium is not installed at " + Executable + ", so the figure was not checked in a real browser; " +
        "install it (apt-get install chromium) to run this test.";

    public static bool Installed => File.Exists(Executable);

    /// <summary>A PNG screenshot of <paramref name="file"/> in a window of the given size.</summary>
    public static byte[] Screenshot(string file, int width, int height)
    {
        string png = Path.Combine(Path.GetTempPath(), $"netgen-figure-{Guid.NewGuid():N}.png");
        try
        {
            Run($"--hide-scrollbars --screenshot={png} --window-size={width},{height} {new Uri(file).AbsoluteUri}");
            Assert.True(File.Exists(png), $"Chromium wrote no screenshot of {file}");
            return File.ReadAllBytes(png);
        }
        finally
        {
            File.Delete(png);
        }
    }

    /// <summary>The document after its scripts ran, serialised.</summary>
    public static string DumpDom(string file) => Run($"--dump-dom {new Uri(file).AbsoluteUri}");

    private static string Run(string arguments)
    {
        string profile = Path.Combine(Path.GetTempPath(), $"netgen-chromium-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo(Executable,
            "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking " +
            $"--disable-component-update --disable-sync --user-data-dir={profile} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            using Process process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("Chromium did not finish within 90 s");
            }
            Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}: {error.Result}");
            return output;
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A profile folder left in the temp directory is harmless.
            }
        }
    }
}

/// <summary>A fact that needs Chromium: skipped, saying why, where it is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!Chromium.Installed)
        {
            Skip = Chromium.Missing;
        }
    }
}
