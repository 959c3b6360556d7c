using Workflows.Application.Pages;

namespace Workflows.Application.Tests.Pages;

/// <summary>Dates, amounts and messages as Dutch readers expect them (PAGES.md "Expectations").</summary>
public sealed class DutchTests
{
    [Fact]
    public void Dates_read_as_in_dutch_long_and_short()
    {
        Assert.Equal("1 december 2026", Dutch.Date(new DateOnly(2026, 12, 1)));
        Assert.Equal("di 1 dec", Dutch.ShortDate(new DateOnly(2026, 12, 1)));
        Assert.Equal("ma 15 feb", Dutch.ShortDate(new DateOnly(2027, 2, 15)));
        Assert.Equal("zo 7 mrt", Dutch.ShortDate(new DateOnly(2027, 3, 7)));
    }

    [Fact]
    public void Instants_are_shown_in_dutch_time_summer_and_winter()
    {
        Assert.Equal("1 december 2026 09:30", Dutch.Instant(new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.Zero)));
        Assert.Equal("1 juli 2026 10:30", Dutch.Instant(new DateTimeOffset(2026, 7, 1, 8, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Amounts_have_a_decimal_comma_and_thousands_points()
    {
        Assert.Equal("€ 1.450,00", Dutch.Money(1450m));
        Assert.Equal("€ 725,50", Dutch.Money(725.5m));
    }

    [Theory]
    [InlineData("Required.", null, "Vul dit in.")]
    [InlineData("Required with type contact-attempted.", null, "Vul dit in.")]
    [InlineData("Must be one of: phone, letter.", null, "Kies een van: phone, letter.")]
    [InlineData("At most 200 characters.", null, "Hoogstens 200 tekens.")]
    [InlineData("Must not be in the future.", null, "Deze datum mag niet in de toekomst liggen.")]
    [InlineData("Required.", "collectionSteps.writtenReminderSent", "Vink aan dat deze stap is gezet: zonder alle vier kan het signaal niet worden gestuurd (Besluit gemeentelijke schuldhulpverlening, art. 2).")]
    [InlineData("Something new the API says.", null, "Deze waarde is niet geldig.")]
    public void The_apis_messages_read_in_dutch_beside_the_field(string english, string? path, string dutch) =>
        Assert.Equal(dutch, Dutch.Message(english, path));

    [Theory]
    [InlineData("The case is closed; it takes no more events.", "De zaak is afgesloten; er kan niets meer worden vastgelegd.")]
    [InlineData("The trajectory is suspended already.", "De zaak is al opgeschort.")]
    [InlineData("The person is released already; release and release date no longer change.", "De persoon is al vrijgelaten; vrijlating en datum van vrijlating veranderen niet meer.")]
    public void Conflicts_read_in_dutch(string detail, string dutch) => Assert.Equal(dutch, Dutch.Conflict(detail));
}
