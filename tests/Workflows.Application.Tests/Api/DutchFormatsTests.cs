using Workflows.Application.Api;

namespace Workflows.Application.Tests.Api;

/// <summary>The Dutch-format validators every API shares: postal code, CBS code, phone, email, BSN, dates.</summary>
public sealed class DutchFormatsTests
{
    [Theory]
    [InlineData("1501AB", "1501AB")]
    [InlineData("1501 AB", "1501AB")]
    [InlineData("1501ab", "1501AB")]
    [InlineData(" 9999 ZZ ", "9999ZZ")]
    public void Postal_code_is_normalised(string given, string expected)
    {
        Assert.True(DutchPostalCode.TryNormalize(given, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("0123AB")]
    [InlineData("1501  AB")]
    [InlineData("1501A")]
    [InlineData("1501ABC")]
    [InlineData("150AB")]
    [InlineData("1501-AB")]
    [InlineData("1501SS")]
    [InlineData("1501 SA")]
    [InlineData("1501SD")]
    [InlineData("")]
    [InlineData(null)]
    public void Postal_code_outside_the_Dutch_format_is_refused(string? given) =>
        Assert.False(DutchPostalCode.TryNormalize(given, out _));

    [Theory]
    [InlineData("GM0479", true)]
    [InlineData("GM0439", true)]
    [InlineData("gm0479", false)]
    [InlineData("GM479", false)]
    [InlineData("GM04790", false)]
    [InlineData("0479", false)]
    [InlineData("GM047A", false)]
    public void Municipality_code_is_GM_and_four_digits(string given, bool valid) =>
        Assert.Equal(valid, MunicipalityCode.IsValid(given));

    [Theory]
    [InlineData("+31612345678", "+31612345678")]
    [InlineData("0612345678", "+31612345678")]
    [InlineData("06-12345678", "+31612345678")]
    [InlineData("020 123 4567", "+31201234567")]
    [InlineData("+32 470 12 34 56", "+32470123456")]
    public void Phone_numbers_become_E164(string given, string expected)
    {
        Assert.True(PhoneNumber.TryNormalize(given, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("061234567")]
    [InlineData("06123456789")]
    [InlineData("+3161234567")]
    [InlineData("+316123456789")]
    [InlineData("+0612345678")]
    [InlineData("06 1234 567a")]
    [InlineData("(06) 12345678")]
    public void Phone_numbers_that_cannot_be_dialled_are_refused(string given) =>
        Assert.False(PhoneNumber.TryNormalize(given, out _));

    [Theory]
    [InlineData("j.vandijk@example.nl", true)]
    [InlineData("a+b@sub.example.com", true)]
    [InlineData("not-an-email", false)]
    [InlineData("a@b", false)]
    [InlineData("a b@example.nl", false)]
    [InlineData("Jan <jan@example.nl>", false)]
    [InlineData("a@-example.nl", false)]
    [InlineData("@example.nl", false)]
    public void Email_addresses_are_plain_addresses(string given, bool valid) =>
        Assert.Equal(valid, EmailAddress.IsValid(given));

    [Fact]
    public void Email_address_longer_than_254_characters_is_refused() =>
        Assert.False(EmailAddress.IsValid(new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".nl"));

    [Theory]
    [InlineData("111222333", true)]
    [InlineData("123456782", true)]
    [InlineData("123456789", false)]
    [InlineData("000000000", false)]
    [InlineData("12345678", false)]
    [InlineData("1234567820", false)]
    [InlineData("12345678a", false)]
    public void Bsn_passes_the_eleven_check(string given, bool valid) =>
        Assert.Equal(valid, Bsn.IsValid(given));

    [Theory]
    [InlineData("2026-11-02", true)]
    [InlineData("2024-02-29", true)]
    [InlineData("2026-02-29", false)]
    [InlineData("02-11-2026", false)]
    [InlineData("2026-11-2", false)]
    [InlineData("2026-11-02T00:00:00", false)]
    [InlineData("20261102", false)]
    public void Dates_are_exactly_YYYY_MM_DD(string given, bool valid) =>
        Assert.Equal(valid, IsoDate.TryParse(given, out _));

    [Fact]
    public void Today_is_the_Amsterdam_date_of_the_app_clock()
    {
        // 23:30 UTC on 1 November is 00:30 on 2 November in Amsterdam (CET).
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 23, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 11, 2), IsoDate.Today(clock));
    }

    [Theory]
    [InlineData("Dijk", 200, "Dijk")]
    [InlineData("  Dijk  ", 200, "Dijk")]
    public void Free_text_is_trimmed(string given, int max, string expected)
    {
        var errors = new ValidationErrors();
        Assert.Equal(expected, FieldText.Line(errors, "surname", given, max, required: true));
        Assert.True(errors.IsEmpty);
    }

    [Theory]
    [InlineData("   ", "Required.")]
    [InlineData("Di\njk", "Must be one line without control characters.")]
    [InlineData("Dijkstraat", "At most 5 characters.")]
    public void Free_text_that_breaks_its_rules_is_named(string given, string message)
    {
        var errors = new ValidationErrors();
        Assert.Null(FieldText.Line(errors, "surname", given, 5, required: true));
        Assert.Equal([message], errors.ToDictionary()["surname"]);
    }
}
