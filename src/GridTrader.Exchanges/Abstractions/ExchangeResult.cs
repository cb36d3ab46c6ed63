using System.Diagnostics.CodeAnalysis;

namespace GridTrader.Exchanges.Abstractions;

/// <summary>Either a value or an <see cref="ExchangeError"/>.</summary>
public readonly struct ExchangeResult<T>
{
    private readonly T? _value;

    private ExchangeResult(T? value, ExchangeError? error)
    {
        _value = value;
        Error = error;
    }

    public ExchangeError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public T Value => Error is null ? _value! : throw new InvalidOperationException($"No value: {Error}");

    public static ExchangeResult<T> Success(T value) => new(value, null);

    public static ExchangeResult<T> Failure(ExchangeError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    public static ExchangeResult<T> Failure(ExchangeErrorKind kind, string message, int? httpStatus = null) =>
        new(default, new ExchangeError(kind, message, httpStatus));

    public static implicit operator ExchangeResult<T>(ExchangeError error) => Failure(error);

    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return Error is null;
    }

    public override string ToString() => Error is null ? $"Success({_value})" : $"Failure({Error})";
}
