namespace Workflows.Application.Api;

/// <summary>
/// A burgerservicenummer: nine digits passing the 11-proef (9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11,
/// not zero), as the BRP uses it. Corporations are never asked for one (RULES §1, data minimisation).
/// </summary>
public static class Bsn
{
    public const string FormatMessage = "Must be a BSN: nine digits that pass the 11-check.";

    public static bool IsValid(string? value)
    {
        if (value is not { Length: 9 } || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (9 - i) * (value[i] - '0');
        }

        sum -= value[8] - '0';
        return sum != 0 && sum % 11 == 0;
    }
}
