namespace Zun.Api.Errors;

/// <summary>A request that ends in an error response: its status, what went wrong, and upstream's error code.</summary>
public sealed class ApiException : Exception
{
    public ApiException(int status, string detail, string? code = null, string? title = null)
        : base(detail)
    {
        Status = status;
        Code = code;
        Title = title;
    }

    public ApiException()
        : this(StatusCodes.Status500InternalServerError, "internal error")
    {
    }

    public ApiException(string message)
        : this(StatusCodes.Status500InternalServerError, message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusCodes.Status500InternalServerError;
    }

    public int Status { get; }

    public string? Code { get; }

    public string? Title { get; }

    public static ApiException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, detail);

    public static ApiException NotFound(string detail) => new(StatusCodes.Status404NotFound, detail);

    public static ApiException Conflict(string detail) => new(StatusCodes.Status409Conflict, detail);
}
