using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Identification.Identify.Tests.Browser;

/// <summary>
/// Debian's Chromium, headless, driven over the DevTools protocol (a WebSocket, one command at a time): open a file,
/// evaluate script in it (what it renders: <c>innerText</c>, element counts, a filter changed), take a screenshot. The
/// tests of the HTML reports use it so they assert on what a browser shows, not on the markup written.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>A guard against a browser that hangs, not a speed requirement.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ClientWebSocket _socket;
    private readonly string _profile;
    private int _nextId;

    private HeadlessChromium(Process process, ClientWebSocket socket, string profile)
    {
        _process = process;
        _socket = socket;
        _profile = profile;
    }

    /// <summary>The browser to use: <c>$CHROMIUM</c>, else the first of chromium, chromium-browser, google-chrome on the PATH; null when none.</summary>
    public static string? Executable()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } given)
        {
            return File.Exists(given) ? given : null;
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => path.Select(directory => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Why the browser tests are skipped on this machine, or null when a browser is there.</summary>
    public static string? Missing() => Executable() is null
        ? "No Chromium on this machine (chromium, chromium-browser or google-chrome on the PATH, or $CHROMIUM): .ci/run installs Debian's chromium; install it to run the browser tests."
        : null;

    public static async Task<HeadlessChromium> Start()
    {
        var profile = Path.Combine(Path.GetTempPath(), "identify-chromium-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(Executable() ?? throw new InvalidOperationException(Missing()))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        using var timeout = new CancellationTokenSource(Patience);
        string? endpoint = null;
        while (endpoint is null)
        {
            var line = await process.StandardError.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("Chromium exited before it listened for DevTools (exit code " + (process.HasExited ? process.ExitCode : -1) + ").");
            const string Listening = "DevTools listening on ";
            if (line.StartsWith(Listening, StringComparison.Ordinal))
            {
                endpoint = line[Listening.Length..].Trim();
            }
        }

        // Drained so the browser never blocks on a full pipe.
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await socket.ConnectAsync(new Uri(endpoint), timeout.Token);
        return new HeadlessChromium(process, socket, profile);
    }

    /// <summary>Opens <paramref name="file"/> in a new tab <paramref name="width"/> pixels wide and waits until it has loaded.</summary>
    public async Task<Page> Open(string file, int width = 1280, int height = 900)
    {
        var target = await Send("Target.createTarget", new JsonObject { ["url"] = "about:blank" });
        var attached = await Send("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true });
        var page = new Page(this, attached["sessionId"]!.GetValue<string>());
        await page.Send("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
        await page.Send("Page.navigate", new JsonObject { ["url"] = new Uri(Path.GetFullPath(file)).AbsoluteUri });
        using var timeout = new CancellationTokenSource(Patience);
        while (await page.Evaluate<string>("document.readyState") != "complete" || await page.Evaluate<string>("location.protocol") != "file:")
        {
            await Task.Delay(50, timeout.Token);
        }

        return page;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await Send("Browser.close", new JsonObject());
            }
        }
        catch (WebSocketException)
        {
            // The browser closed the socket as it exited.
        }

        _socket.Dispose();
        if (!_process.WaitForExit(5_000))
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A file the browser still holds; the temp folder is cleaned by the system.
        }
    }

    /// <summary>Sends one command (to a tab when <paramref name="session"/> is given) and returns its result; events in between are skipped.</summary>
    internal async Task<JsonObject> Send(string method, JsonObject parameters, string? session = null)
    {
        var id = ++_nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session is not null)
        {
            message["sessionId"] = session;
        }

        using var timeout = new CancellationTokenSource(Patience);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var received = new MemoryStream();
            WebSocketReceiveResult part;
            do
            {
                part = await _socket.ReceiveAsync(buffer, timeout.Token);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    throw new WebSocketException("Chromium closed the DevTools connection.");
                }

                received.Write(buffer, 0, part.Count);
            }
            while (!part.EndOfMessage);

            var reply = JsonNode.Parse(received.ToArray())!.AsObject();
            if (reply["id"]?.GetValue<int>() != id)
            {
                continue;
            }

            if (reply["error"] is { } error)
            {
                throw new InvalidOperationException($"Chromium refused {method}: {error.ToJsonString()}");
            }

            return reply["result"]!.AsObject();
        }
    }

    /// <summary>An open tab.</summary>
    internal sealed class Page(HeadlessChromium browser, string session)
    {
        public Task<JsonObject> Send(string method, JsonObject parameters) => browser.Send(method, parameters, session);

        /// <summary>The value of a JavaScript expression evaluated in the page (JSON-serialisable values only).</summary>
        public async Task<T> Evaluate<T>(string expression)
        {
            var result = await Send("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
            if (result["exceptionDetails"] is { } exception)
            {
                throw new InvalidOperationException($"The page threw evaluating {expression}: {exception.ToJsonString()}");
            }

            return result["result"]!["value"].Deserialize<T>()!;
        }

        /// <summary>What the page shows as text: <c>document.body.innerText</c>, which leaves out what is hidden.</summary>
        public Task<string> RenderedText() => Evaluate<string>("document.body.innerText");

        /// <summary>A PNG of what the window shows (its size is <see cref="Open"/>'s), written to <paramref name="path"/>.</summary>
        public async Task Screenshot(string path)
        {
            var shot = await Send("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
            await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot["data"]!.GetValue<string>()));
        }
    }
}
