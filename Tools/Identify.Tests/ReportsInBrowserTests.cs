using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Identification.Identify.Cli;
using Identification.Identify.Tests.Browser;
using Xunit;

namespace Identification.Identify.Tests;

/// <summary>
/// The HTML reports of <c>identify replay</c> and <c>identify audit</c> on the bundled sample, opened in headless Chromium:
/// what the browser renders (every conversation, masked values, the charts, a working filter). With
/// <c>IDENTIFY_SCREENSHOTS=DIR</c> the tests also write the screenshots the README shows (<c>docs/refresh.sh</c> does it).
/// Skipped, saying why, only where no Chromium could be installed.
/// </summary>
public sealed class ReportsInBrowserTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [SkippableFact]
    public async Task The_replay_report_renders_every_conversation_masked_with_its_charts_and_filters_by_outcome()
    {
        Skip.If(HeadlessChromium.Missing() is not null, HeadlessChromium.Missing());
        var report = Path.Combine(_directory.Path, "replay.html");
        var run = CliRun.Of("replay", "--json", "--html", report);
        Assert.Equal(0, run.ExitCode);
        var conversations = run.Lines;

        await using var browser = await HeadlessChromium.Start();
        var page = await browser.Open(report, height: 1000);
        var text = await page.RenderedText();
        var details = string.Join(" ", await Details(page));

        Assert.Equal(conversations.Length, await page.Evaluate<int>("document.querySelectorAll('#conversations tbody tr').length"));
        Assert.All(conversations.Select(line => line.GetProperty("id").GetString()!), id =>
            Assert.Contains(id, text + details, StringComparison.Ordinal));
        Assert.True(await page.Evaluate<int>("document.querySelectorAll('svg rect').length") >= 3, "the charts have bars");
        Assert.Contains("Names, emails and phone numbers are masked", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.com\"", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"[A-Za-z0-9._%+-]{2,}@example\.(com|org|net)", text);

        var several = conversations.Count(line => line.GetProperty("code").GetString()?.StartsWith("several", StringComparison.Ordinal) == true);
        await page.Evaluate<bool>("(() => { const s = document.querySelector('select[data-filter=\"outcome\"]'); s.value = 'several'; s.dispatchEvent(new Event('change')); return true; })()");
        Assert.Equal(several, await page.Evaluate<int>("[...document.querySelectorAll('#conversations tbody tr')].filter(r => !r.hidden).length"));

        await Screenshot(browser, report, "replay-report.png");
    }

    [SkippableFact]
    public async Task The_audit_report_renders_what_to_fix_first_the_estimate_and_the_findings_masked_with_its_charts()
    {
        Skip.If(HeadlessChromium.Missing() is not null, HeadlessChromium.Missing());
        var report = Path.Combine(_directory.Path, "audit.html");
        var sample = IdentifyCli.SampleDirectory;
        var run = CliRun.Of("audit", "--data", Path.Combine(sample, "data"), "--config", Path.Combine(sample, "config.json"),
            "--conversations", Path.Combine(sample, "conversations.jsonl"), "--html", report);
        Assert.Equal(0, run.ExitCode);

        await using var browser = await HeadlessChromium.Start();
        var page = await browser.Open(report, height: 1400);
        var text = await page.RenderedText();

        Assert.Contains("What to fix first", text, StringComparison.Ordinal);
        Assert.Contains("Merge or correct the", text, StringComparison.Ordinal);
        Assert.Contains("as configured", text, StringComparison.Ordinal);
        Assert.Contains("minimumMatchingInputs 2", text, StringComparison.Ordinal);
        Assert.True(await page.Evaluate<int>("document.querySelectorAll('figure svg').length") >= 3, "outcome shares, duplicates by column and phone formats are charts");
        Assert.DoesNotMatch(@"[A-Za-z0-9._%+-]{2,}@example\.(com|org|net)", text);
        var findings = await page.Evaluate<int>("document.querySelectorAll('#findings tbody tr').length");
        Assert.True(findings > 0);

        await page.Evaluate<bool>("(() => { const s = document.querySelector('select[data-filter=\"kind\"]'); s.value = 'shared-identifier'; s.dispatchEvent(new Event('change')); return true; })()");
        var shown = await page.Evaluate<string[]>("[...document.querySelectorAll('#findings tbody tr')].filter(r => !r.hidden).map(r => r.cells[0].innerText)");
        Assert.NotEmpty(shown);
        Assert.All(shown, kind => Assert.Equal("shared-identifier", kind));

        await Screenshot(browser, report, "audit-report.png");
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>The text of every row's details (the conversation id is in the closed details of its row).</summary>
    private static Task<string[]> Details(HeadlessChromium.Page page) =>
        page.Evaluate<string[]>("[...document.querySelectorAll('#conversations details')].map(d => d.textContent)");

    /// <summary>With IDENTIFY_SCREENSHOTS set, a 1280 by 900 screenshot of the top of the report for the README.</summary>
    private static async Task Screenshot(HeadlessChromium browser, string report, string name)
    {
        if (Environment.GetEnvironmentVariable("IDENTIFY_SCREENSHOTS") is { Length: > 0 } directory)
        {
            var page = await browser.Open(report, width: 1280, height: 900);
            await page.Screenshot(Path.Combine(directory, name));
        }
    }
}
