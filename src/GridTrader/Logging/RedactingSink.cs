using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace GridTrader.Logging;

/// <summary>
/// Sits in front of every sink and rewrites an event that carries a secret anywhere (message template, property values at
/// any depth, exception text) so that no sink ever sees the secret. Events without secrets pass through untouched.
/// </summary>
internal sealed class RedactingSink(ILogEventSink inner, SecretRedactor redactor) : ILogEventSink, IDisposable
{
    private static readonly MessageTemplateParser Parser = new();

    public void Emit(LogEvent logEvent)
    {
        if (redactor.IsEmpty)
        {
            inner.Emit(logEvent);
            return;
        }

        var changed = false;
        var template = logEvent.MessageTemplate;
        if (redactor.ContainsSecret(template.Text))
        {
            template = Parser.Parse(redactor.Redact(template.Text));
            changed = true;
        }

        // Most events hold no secret: the property list is only copied once one is found.
        List<LogEventProperty>? properties = null;
        var index = 0;
        foreach (var (name, value) in logEvent.Properties)
        {
            var redacted = Redact(value);
            if (properties is null && !ReferenceEquals(redacted, value))
                properties = [.. logEvent.Properties.Take(index).Select(p => new LogEventProperty(p.Key, p.Value))];
            properties?.Add(new LogEventProperty(name, redacted));
            index++;
        }

        changed |= properties is not null;

        var exception = logEvent.Exception;
        if (exception is not null && redactor.ContainsSecret(exception.ToString()))
        {
            exception = RedactedException.From(exception, redactor);
            changed = true;
        }

        inner.Emit(changed
            ? new LogEvent(logEvent.Timestamp, logEvent.Level, exception, template,
                properties ?? logEvent.Properties.Select(p => new LogEventProperty(p.Key, p.Value)), logEvent.TraceId ?? default,
                logEvent.SpanId ?? default)
            : logEvent);
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private LogEventPropertyValue Redact(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue scalar:
                return RedactScalar(scalar);
            case SequenceValue sequence:
            {
                var elements = sequence.Elements.Select(Redact).ToList();
                return elements.SequenceEqual(sequence.Elements, ReferenceEqualityComparer.Instance) ? value : new SequenceValue(elements);
            }

            case StructureValue structure:
            {
                var changed = false;
                var props = new List<LogEventProperty>(structure.Properties.Count);
                foreach (var p in structure.Properties)
                {
                    var v = Redact(p.Value);
                    changed |= !ReferenceEquals(v, p.Value);
                    props.Add(new LogEventProperty(p.Name, v));
                }

                return changed ? new StructureValue(props, structure.TypeTag) : value;
            }

            case DictionaryValue dictionary:
            {
                var changed = false;
                var entries = new List<KeyValuePair<ScalarValue, LogEventPropertyValue>>(dictionary.Elements.Count);
                foreach (var (k, v) in dictionary.Elements)
                {
                    var key = RedactScalar(k);
                    var val = Redact(v);
                    changed |= !ReferenceEquals(key, k) || !ReferenceEquals(val, v);
                    entries.Add(new(key, val));
                }

                return changed ? new DictionaryValue(entries) : value;
            }

            default:
                return value;
        }
    }

    private ScalarValue RedactScalar(ScalarValue scalar)
    {
        switch (scalar.Value)
        {
            case null or bool or char or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal
                or DateTime or DateTimeOffset or TimeSpan or DateOnly or TimeOnly or Guid or Enum:
                return scalar;
            case string s:
                return redactor.ContainsSecret(s) ? new ScalarValue(redactor.Redact(s)) : scalar;
            default:
                // Anything else (a Uri, an object logged without destructuring) is rendered through ToString by the sinks.
                var text = Convert.ToString(scalar.Value, System.Globalization.CultureInfo.InvariantCulture);
                return text is not null && redactor.ContainsSecret(text) ? new ScalarValue(redactor.Redact(text)) : scalar;
        }
    }
}
