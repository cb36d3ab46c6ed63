using System.Text.Encodings.Web;
using GridTrader.Configuration;
using GridTrader.Dashboard.Logs;
using GridTrader.Core.Markets;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Logging;
using GridTrader.Logging.Export;
using Microsoft.Extensions.Logging;

namespace GridTrader.Integration.Tests.Logging;

public sealed partial class SecretRedactionTests
{
    internal static readonly Secrets TestSecrets = new()
    {
        FiriApiKey = "fk-live-9f8e7d6c5b4a3210",
        FiriClientId = "client-7731-abcdef",
        FiriSecretKey = "c2VjcmV0K2tleS9zbGFzaD0+Zm9v/bar=",
        TelegramBotToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        DiscordWebhookUrl = "https://discord.com/api/webhooks/111122223333/AbCdEfGhIjKlMnOpQrStUvWx",
    };

    [Fact]
    public void LoggingSetup_SecretsInArgumentsExceptionsAndNestedObjects_NeverReachTheFileOrItsExports()
    {
        var s = TestSecrets;
        using var log = new LogHarness(s.Values());
        var logger = log.Logger();

        // As message arguments, whole and embedded.
        Connecting(logger, s.FiriApiKey!, $"https://api.telegram.org/bot{s.TelegramBotToken}/sendMessage");
        Connecting(logger, Uri.EscapeDataString(s.FiriSecretKey!), new Uri(s.DiscordWebhookUrl!).AbsolutePath);
        // A Uri object (rendered through ToString by the sink).
        Posting(logger, new Uri(s.DiscordWebhookUrl!));
        // Exception messages, including an inner exception.
        Failed(logger, new InvalidOperationException($"auth failed for {s.FiriClientId}",
            new HttpRequestException($"POST https://api.telegram.org/bot{s.TelegramBotToken}/sendMessage failed")));
        // A record's ToString (the engine logs ExchangeError messages).
        Error(logger, new ExchangeError(ExchangeErrorKind.Unauthorized, $"key {s.FiriApiKey} unknown", 401));
        // Nested objects, destructured by Serilog directly, and a secret in the message template itself.
        log.Setup.Logger.Information("Request {@Request}", new
        {
            Url = $"https://api.telegram.org/bot{s.TelegramBotToken}/getMe",
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = s.FiriApiKey!, [s.FiriClientId!] = "id" },
            Items = new[] { new { Secret = s.FiriSecretKey } },
        });
        log.Setup.Logger.Warning("Signed with " + s.FiriSecretKey + " at {Market}", "BTCNOK");
        log.Setup.Logger.Warning("Json body {Body}", $"{{\"key\":\"{JavaScriptEncoder.Default.Encode(s.FiriSecretKey!)}\"}}");

        var text = log.RawText();
        Assert.Equal(8, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        // What the exports make of the same file: logs export as JSON and CSV, and the dashboard's CSV download.
        var exports = new Dictionary<string, string>
        {
            ["log file"] = text,
            ["logs export (JSON)"] = Export(log.Setup.LogDirectory, LogExportFormat.Json),
            ["logs export (CSV)"] = Export(log.Setup.LogDirectory, LogExportFormat.Csv),
            ["dashboard CSV"] = LogCsv.Write(new LogFileReader(log.Setup.LogDirectory).Read(new LogFilter()).Select((r, i) => CompactJsonLine.From(r, i + 1))),
        };
        foreach (var (name, output) in exports)
        {
            Assert.True(output.Contains("test.connecting", StringComparison.Ordinal) && output.Contains("Signed with", StringComparison.Ordinal),
                $"the {name} does not hold the logged events, so the scan proves nothing");
            foreach (var secret in s.Values())
            {
                Assert.False(output.Contains(secret, StringComparison.Ordinal), $"the {name} holds a secret");
                Assert.False(output.Contains(Uri.EscapeDataString(secret), StringComparison.Ordinal), $"the {name} holds a URL-encoded secret");
                Assert.False(output.Contains(JavaScriptEncoder.Default.Encode(secret), StringComparison.Ordinal), $"the {name} holds a JSON-encoded secret");
            }
        }

        Assert.DoesNotContain("AbCdEfGhIjKlMnOpQrStUvWx", text, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, text, StringComparison.Ordinal);
        // What is not secret survives.
        Assert.Contains("api.telegram.org/bot***/sendMessage", text, StringComparison.Ordinal);
        Assert.Contains("BTCNOK", text, StringComparison.Ordinal);
    }

    private static string Export(string logDirectory, LogExportFormat format)
    {
        using var output = new MemoryStream();
        LogExport.Run(new LogExportRequest(logDirectory, new LogFilter(), format, null), output, TextWriter.Null);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public void SecretRedactor_TextWithoutSecrets_IsReturnedUnchanged()
    {
        var redactor = new SecretRedactor(TestSecrets.Values());
        const string text = "order 7 placed on BTCNOK";

        Assert.Same(text, redactor.Redact(text));
        Assert.Equal("key=*** end", redactor.Redact($"key={TestSecrets.FiriApiKey} end"));
    }

    [LoggerMessage(EventId = 9001, EventName = "test.connecting", Level = LogLevel.Information, Message = "Connecting with {Key} to {Endpoint}")]
    private static partial void Connecting(ILogger logger, string key, string endpoint);

    [LoggerMessage(EventId = 9002, EventName = "test.posting", Level = LogLevel.Information, Message = "Posting to {Target}")]
    private static partial void Posting(ILogger logger, Uri target);

    [LoggerMessage(EventId = 9003, EventName = "test.failed", Level = LogLevel.Error, Message = "Call failed on {Market}")]
    private static partial void Failed(ILogger logger, Exception exception, string market = "BTCNOK");

    [LoggerMessage(EventId = 9004, EventName = "test.error", Level = LogLevel.Warning, Message = "Exchange said {Error} on {Side}")]
    private static partial void Error(ILogger logger, ExchangeError error, Side side = Side.Buy);
}
