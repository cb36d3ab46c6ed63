using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;
using Serilog.Formatting.Json;

namespace GridTrader.Logging;

/// <summary>
/// Serilog's rendered compact JSON (<c>@t</c>, <c>@m</c>, <c>@i</c>, <c>@l</c>, <c>@x</c>, <c>@tr</c>, <c>@sp</c>, then the
/// properties), one object per line, except that <c>@m</c> shows string values literally (<c>Fill on BTCNOK</c>, not
/// <c>Fill on "BTCNOK"</c>): the message is read by people in the dashboard and in CSV exports.
/// </summary>
internal sealed class JsonLineFormatter : ITextFormatter
{
    private static readonly JsonValueFormatter ValueFormatter = new(typeTagName: "$type");
    private readonly MessageTemplateTextFormatter _message = new("{Message:l}", CultureInfo.InvariantCulture);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        output.Write("{\"@t\":\"");
        output.Write(logEvent.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        output.Write("\",\"@m\":");
        using (var message = new StringWriter(CultureInfo.InvariantCulture))
        {
            _message.Format(logEvent, message);
            JsonValueFormatter.WriteQuotedJsonString(message.ToString(), output);
        }

        output.Write(",\"@i\":\"");
        output.Write(EventIdHash.Compute(logEvent.MessageTemplate.Text).ToString("x8", CultureInfo.InvariantCulture));
        output.Write('"');
        if (logEvent.Level != LogEventLevel.Information)
        {
            output.Write(",\"@l\":\"");
            output.Write(logEvent.Level);
            output.Write('"');
        }

        if (logEvent.Exception is not null)
        {
            output.Write(",\"@x\":");
            JsonValueFormatter.WriteQuotedJsonString(logEvent.Exception.ToString(), output);
        }

        if (logEvent.TraceId is { } traceId)
        {
            output.Write(",\"@tr\":\"");
            output.Write(traceId.ToHexString());
            output.Write('"');
        }

        if (logEvent.SpanId is { } spanId)
        {
            output.Write(",\"@sp\":\"");
            output.Write(spanId.ToHexString());
            output.Write('"');
        }

        foreach (var (name, value) in logEvent.Properties)
        {
            output.Write(',');
            // Compact JSON reserves the @ prefix; a property starting with @ is escaped by doubling it.
            JsonValueFormatter.WriteQuotedJsonString(name.StartsWith('@') ? "@" + name : name, output);
            output.Write(':');
            ValueFormatter.Format(value, output);
        }

        output.Write('}');
        output.Write('\n');
    }
}
