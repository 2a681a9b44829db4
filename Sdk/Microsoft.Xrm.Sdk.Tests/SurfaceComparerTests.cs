using System;
using System.Linq;
using Microsoft.Xrm.Sdk.Tests.Conformance;
using Microsoft.Xrm.Sdk.Tests.Conformance.Fakes;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests;

/// <summary>The conformance comparer catches each kind of deviation, shown on fake types and altered listings.</summary>
public class SurfaceComparerTests
{
    // Written like surface.txt, artifacts included: a space after '(', 'Decimal' for decimal.
    private const string FakeListing = """
        # Fake surface for the comparer's own tests.

        interface Microsoft.Xrm.Sdk.Tests.Conformance.Fakes.IShelf
          property int Count { get; }
          method void Put(string item)

        class Microsoft.Xrm.Sdk.Tests.Conformance.Fakes.Basket : IShelf
          field public static readonly Basket Empty
          ctor public Basket()
          ctor protected internal Basket(IList<string> items)
          property public int Count { get; internal set; }
          property public virtual Decimal? Total { get; set; }
          indexer public string this[int index] { get; }
          method public void Put( string item)
          method public void PutAll(params string[] items)
          method public virtual T Find<T>(string name, out T found) where T : class
          method public override string ToString()
          method protected virtual void OnChanged()

        class Microsoft.Xrm.Sdk.Tests.Conformance.Fakes.WickerBasket : Basket   [sealed]
          ctor public WickerBasket()

        class Microsoft.Xrm.Sdk.Tests.Conformance.Fakes.Crate<T> where T : class   [sealed]
          ctor public Crate()

        enum Microsoft.Xrm.Sdk.Tests.Conformance.Fakes.Fruit
          Apple = 1
          Pear = 2

        enum Microsoft.Xrm.Sdk.Tests.Conformance.Fakes.Ripeness   [flags]
          Green = 1
          Ripe = 2

        class Microsoft.Xrm.Sdk.Tests.Conformance.Fakes.OrchardAttribute : Attribute   [sealed, usage=Class]
          ctor public OrchardAttribute(string name)
          property public string Name { get; }

        class Microsoft.Xrm.Sdk.Tests.Conformance.Fakes.BasketExtensions   [abstract, sealed]
          field public const int Capacity = 12
          field public const string Label = "basket"
          method public static int Room(this Basket basket)
        """;

    private static readonly Type[] FakeTypes =
    {
        typeof(IShelf), typeof(Basket), typeof(WickerBasket), typeof(Crate<>), typeof(Fruit), typeof(Ripeness), typeof(OrchardAttribute),
        typeof(BasketExtensions),
    };

    private static SurfaceComparison CompareFakes(string listing, params Type[] types) =>
        SurfaceComparer.Compare(SurfaceListing.Parse(listing), types.Length > 0 ? types : FakeTypes);

    [Fact]
    public void Finds_no_difference_when_the_listing_matches_the_declarations()
    {
        var comparison = CompareFakes(FakeListing);

        Assert.Empty(comparison.Differences);
        Assert.Empty(comparison.OmittedTypes);
        Assert.Empty(comparison.OmittedMembers);
    }

    [Theory]
    [InlineData("method public void Put( string item)", "method public void Put(string thing)", "Basket: member differs")]
    [InlineData("method public void Put( string item)", "method public bool Put(string item)", "Basket: member differs")]
    [InlineData("method public void Put( string item)", "method public virtual void Put(string item)", "Basket: member differs")]
    [InlineData("method public void Put( string item)", "method public static void Put(string item)", "Basket: member differs")]
    [InlineData("method public void PutAll(params string[] items)", "method public void PutAll(string[] items)", "Basket: member differs")]
    [InlineData("out T found) where T : class", "T found) where T : class", "Basket: member")]
    [InlineData("out T found) where T : class", "out T found)", "Basket: member differs")]
    [InlineData("method public override string ToString()", "method public virtual string ToString()", "Basket: member differs")]
    [InlineData("method protected virtual void OnChanged()", "method public virtual void OnChanged()", "Basket: member differs")]
    [InlineData("ctor protected internal Basket(", "ctor protected Basket(", "Basket: member differs")]
    [InlineData("property public int Count { get; internal set; }", "property public int Count { get; set; }", "Basket: member differs")]
    [InlineData("property public virtual Decimal? Total", "property public Decimal? Total", "Basket: member differs")]
    [InlineData("property public virtual Decimal? Total", "property public virtual Decimal Total", "Basket: member differs")]
    [InlineData("indexer public string this[int index] { get; }", "indexer public string this[int index] { get; set; }", "Basket: member differs")]
    [InlineData("field public static readonly Basket Empty", "field public readonly Basket Empty", "Basket: member differs")]
    [InlineData("field public static readonly Basket Empty", "property public static Basket Empty { get; }", "Basket: member differs")]
    [InlineData("  property int Count { get; }", "  property int Count { get; set; }", "IShelf: member differs")]
    [InlineData("WickerBasket : Basket   [sealed]", "WickerBasket : Basket", "WickerBasket: modifiers differ")]
    [InlineData("WickerBasket : Basket   [sealed]", "WickerBasket : Basket, IShelf   [sealed]", "WickerBasket: base type and interfaces differ")]
    [InlineData("Fakes.Basket : IShelf", "Fakes.Basket", "Basket: base type and interfaces differ")]
    [InlineData("class Microsoft.Xrm.Sdk.Tests.Conformance.Fakes.WickerBasket", "struct Microsoft.Xrm.Sdk.Tests.Conformance.Fakes.WickerBasket", "WickerBasket: kind differs")]
    [InlineData("  Pear = 2", "  Pear = 3", "Fruit: member differs")]
    [InlineData("Crate<T> where T : class", "Crate<T>", "Crate<T>: generic constraints differ")]
    [InlineData("Crate<T> where T : class", "Crate<TItem> where TItem : class", "Crate<T>: generic parameters differ")]
    [InlineData("Ripeness   [flags]", "Ripeness", "Ripeness: modifiers differ")]
    [InlineData("[sealed, usage=Class]", "[sealed, usage=Property]", "OrchardAttribute: modifiers differ")]
    [InlineData("[sealed, usage=Class]", "[sealed]", "OrchardAttribute: modifiers differ")]
    [InlineData("const int Capacity = 12", "const int Capacity = 10", "BasketExtensions: member differs")]
    [InlineData("const string Label = \"basket\"", "const string Label = \"crate\"", "BasketExtensions: member differs")]
    [InlineData("Room(this Basket basket)", "Room(Basket basket)", "BasketExtensions: member differs")]
    public void Reports_a_declaration_that_differs_from_its_listing_line(string listed, string altered, string expected)
    {
        Assert.Contains(listed, FakeListing, StringComparison.Ordinal);

        var comparison = CompareFakes(FakeListing.Replace(listed, altered, StringComparison.Ordinal));

        Assert.Contains(comparison.Differences, d => d.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_a_declared_member_that_the_listing_lacks()
    {
        var comparison = CompareFakes(FakeListing.Replace("  method protected virtual void OnChanged()\n", string.Empty, StringComparison.Ordinal));

        Assert.Equal(
            new[] { "Microsoft.Xrm.Sdk.Tests.Conformance.Fakes.Basket: member not in the listing: 'method protected virtual void OnChanged()'" },
            comparison.Differences);
    }

    [Fact]
    public void Reports_a_compiler_generated_public_constructor_that_the_listing_lacks()
    {
        var comparison = CompareFakes(FakeListing.Replace("  ctor public WickerBasket()\n", string.Empty, StringComparison.Ordinal));

        Assert.Equal(
            new[] { "Microsoft.Xrm.Sdk.Tests.Conformance.Fakes.WickerBasket: member not in the listing: 'ctor public WickerBasket()'" },
            comparison.Differences);
    }

    [Fact]
    public void Allows_leaving_out_a_listed_member_and_reports_it_as_an_omission()
    {
        var comparison = CompareFakes(FakeListing.Replace(
            "  method public override string ToString()",
            "  method public override string ToString()\n  method public void Clear(bool deep)\n  property public Scale Scale { get; set; }",
            StringComparison.Ordinal));

        Assert.Empty(comparison.Differences);
        Assert.Equal(
            new[]
            {
                "Microsoft.Xrm.Sdk.Tests.Conformance.Fakes.Basket: 'method public void Clear(bool deep)'",
                "Microsoft.Xrm.Sdk.Tests.Conformance.Fakes.Basket: 'property public Scale Scale { get; set; }'",
            },
            comparison.OmittedMembers);
    }

    [Fact]
    public void Does_not_take_a_member_declared_differently_for_an_omission()
    {
        var comparison = CompareFakes(FakeListing.Replace("method public void Put( string item)", "method public bool Put(string item)", StringComparison.Ordinal));

        Assert.Single(comparison.Differences);
        Assert.Empty(comparison.OmittedMembers);
    }

    [Fact]
    public void Reports_a_declared_type_that_the_listing_lacks()
    {
        var comparison = CompareFakes(FakeListing, FakeTypes.Append(typeof(Unlisted)).ToArray());

        Assert.Equal(
            new[] { "Microsoft.Xrm.Sdk.Tests.Conformance.Fakes.Unlisted: type not in the listing: 'class Microsoft.Xrm.Sdk.Tests.Conformance.Fakes.Unlisted'" },
            comparison.Differences);
    }

    [Fact]
    public void Allows_leaving_out_a_listed_type_and_reports_it_as_an_omission()
    {
        var comparison = CompareFakes(FakeListing, FakeTypes.Where(t => t != typeof(WickerBasket)).ToArray());

        Assert.Empty(comparison.Differences);
        Assert.Equal(new[] { "Microsoft.Xrm.Sdk.Tests.Conformance.Fakes.WickerBasket" }, comparison.OmittedTypes);
    }

    [Theory]
    [InlineData("method void Associate( string entityName, Guid entityId)", "method void Associate(string entityName, Guid entityId)")]
    [InlineData("ctor public Money(Decimal value)", "ctor public Money(decimal value)")]
    [InlineData("property public Nullable<Guid> RequestId { get; set; }", "property public Guid? RequestId { get; set; }")]
    [InlineData("method public IEnumerable<KeyValuePair<TKey,TValue>>  GetEnumerator( )", "method public IEnumerable<KeyValuePair<TKey, TValue>> GetEnumerator()")]
    [InlineData("method public void AddRange(params System.String[] items)", "method public void AddRange(params string[] items)")]
    public void Normalises_whitespace_and_system_type_names(string line, string expected)
    {
        Assert.Equal(expected, Signature.Normalize(line));
    }
}
