using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests;

public class DataCollectionTests
{
    [Fact]
    public void Indexer_adds_a_missing_key_and_replaces_an_existing_one()
    {
        var parameters = new ParameterCollection { ["Target"] = "first" };

        parameters["Target"] = "second";
        parameters["Other"] = 1;

        Assert.Equal("second", parameters["Target"]);
        Assert.Equal(2, parameters.Count);
    }

    [Fact]
    public void Add_throws_for_a_key_that_is_already_present()
    {
        var attributes = new AttributeCollection { { "firstname", "Ada" } };

        Assert.Throws<ArgumentException>(() => attributes.Add("firstname", "Grace"));
    }

    [Fact]
    public void Indexer_throws_KeyNotFoundException_for_a_missing_key()
    {
        var attributes = new AttributeCollection();

        Assert.Throws<KeyNotFoundException>(() => attributes["firstname"]);
    }

    [Fact]
    public void Answers_lookups_by_key_and_by_pair()
    {
        var attributes = new AttributeCollection();
        attributes.AddRange(new KeyValuePair<string, object>("firstname", "Ada"), new KeyValuePair<string, object>("lastname", "Lovelace"));

        Assert.True(attributes.Contains("firstname"));
        Assert.True(attributes.ContainsKey("lastname"));
        Assert.True(attributes.Contains(new KeyValuePair<string, object>("firstname", "Ada")));
        Assert.False(attributes.Contains(new KeyValuePair<string, object>("firstname", "Grace")));
        Assert.True(attributes.TryGetValue("lastname", out var lastName));
        Assert.Equal("Lovelace", lastName);
        Assert.Equal(new[] { "firstname", "lastname" }, attributes.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(new[] { "Ada", "Lovelace" }, attributes.Select(pair => pair.Value).OrderBy(v => v));
    }

    [Fact]
    public void Removes_by_key_and_by_pair()
    {
        var attributes = new AttributeCollection { { "firstname", "Ada" }, { "lastname", "Lovelace" } };

        Assert.True(attributes.Remove("firstname"));
        Assert.False(attributes.Remove(new KeyValuePair<string, object>("lastname", "Byron")));
        Assert.True(attributes.Remove(new KeyValuePair<string, object>("lastname", "Lovelace")));
        Assert.Empty(attributes);
    }

    private static readonly Dictionary<string, Action<AttributeCollection>> Mutations = new()
    {
        ["indexer set"] = c => c["firstname"] = "Grace",
        ["Add"] = c => c.Add("lastname", "Lovelace"),
        ["Add pair"] = c => c.Add(new KeyValuePair<string, object>("lastname", "Lovelace")),
        ["AddRange"] = c => c.AddRange(new KeyValuePair<string, object>("lastname", "Lovelace")),
        ["Remove"] = c => c.Remove("firstname"),
        ["Remove missing"] = c => c.Remove("lastname"),
        ["Remove pair"] = c => c.Remove(new KeyValuePair<string, object>("firstname", "Ada")),
        ["Clear"] = c => c.Clear(),
    };

    [Theory]
    [InlineData("indexer set")]
    [InlineData("Add")]
    [InlineData("Add pair")]
    [InlineData("AddRange")]
    [InlineData("Remove")]
    [InlineData("Remove missing")]
    [InlineData("Remove pair")]
    [InlineData("Clear")]
    public void A_read_only_collection_refuses_every_change(string change)
    {
        var attributes = new AttributeCollection { { "firstname", "Ada" } };
        MakeReadOnly(attributes);

        var error = Assert.Throws<InvalidOperationException>(() => Mutations[change](attributes));

        Assert.Equal("The collection is read-only.", error.Message);
        Assert.Equal("Ada", attributes["firstname"]);
        Assert.Single(attributes);
    }

    [Fact]
    public void A_read_only_related_entity_collection_refuses_changes()
    {
        var related = new Entity("contact").RelatedEntities;
        MakeReadOnly(related);

        Assert.True(related.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => related[new Relationship("contact_customer_accounts")] = new EntityCollection());
    }

    [Fact]
    public void A_new_related_entity_collection_is_empty_and_writable()
    {
        var related = new RelatedEntityCollection { [new Relationship("contact_customer_accounts")] = new EntityCollection() };

        Assert.False(related.IsReadOnly);
        Assert.Single(related);
    }

    [Fact]
    public void AddRange_of_null_adds_nothing()
    {
        var attributes = new AttributeCollection { { "firstname", "Ada" } };
        var references = new EntityReferenceCollection();

        attributes.AddRange((IEnumerable<KeyValuePair<string, object>>)null!);
        attributes.AddRange((KeyValuePair<string, object>[])null!);
        references.AddRange((IEnumerable<EntityReference>)null!);
        references.AddRange((EntityReference[])null!);

        Assert.Single(attributes);
        Assert.Empty(references);
    }

    [Fact]
    public void AddRange_of_null_is_allowed_even_on_a_read_only_collection()
    {
        var attributes = new AttributeCollection();
        MakeReadOnly(attributes);

        attributes.AddRange((IEnumerable<KeyValuePair<string, object>>)null!);

        Assert.Empty(attributes);
    }

    [Fact]
    public void A_list_collection_built_from_null_is_empty()
    {
        Assert.Empty(new EntityReferenceCollection(null!));
        Assert.Empty(new OptionSetValueCollection(null!));
    }

    [Fact]
    public void AddOrUpdateIfNotNull_skips_null_and_overwrites_otherwise()
    {
        var parameters = new ParameterCollection { ["Target"] = "first" };

        parameters.AddOrUpdateIfNotNull("Target", null);
        parameters.AddOrUpdateIfNotNull("Other", null);
        Assert.Equal("first", parameters["Target"]);
        Assert.False(parameters.Contains("Other"));

        parameters.AddOrUpdateIfNotNull("Target", "second");
        Assert.Equal("second", parameters["Target"]);
    }

    [Fact]
    public void Typed_TryGetValue_finds_only_values_of_the_requested_type()
    {
        var parameters = new ParameterCollection { ["Target"] = new Entity("contact"), ["Depth"] = 1 };

        Assert.True(parameters.TryGetValue<Entity>("Target", out var target));
        Assert.Equal("contact", target.LogicalName);
        Assert.False(parameters.TryGetValue<Entity>("Depth", out _));
        Assert.False(parameters.TryGetValue<Entity>("Missing", out _));
    }

    [Fact]
    public void The_list_collection_adds_ranges_and_copies_to_an_array()
    {
        var references = new EntityReferenceCollection();
        var one = new EntityReference("contact", Guid.NewGuid());
        var two = new EntityReference("contact", Guid.NewGuid());

        references.AddRange(one, two);
        references.AddRange(new List<EntityReference> { one });

        Assert.Equal(new[] { one, two, one }, references.ToArray());
    }

    [Fact]
    public void The_list_collection_copies_a_fixed_size_source_so_it_can_grow()
    {
        var source = new[] { new OptionSetValue(1) };

        var values = new OptionSetValueCollection(source) { new OptionSetValue(2) };

        Assert.Equal(new[] { new OptionSetValue(1), new OptionSetValue(2) }, values);
        Assert.Single(source);
    }

    // IsReadOnly has an internal setter, as in the real SDK: only the SDK (or Dataverse) freezes a collection.
    private static void MakeReadOnly<TKey, TValue>(DataCollection<TKey, TValue> collection) =>
        typeof(DataCollection<TKey, TValue>)
            .GetProperty(nameof(collection.IsReadOnly))!
            .SetValue(collection, true, BindingFlags.NonPublic | BindingFlags.Instance, null, null, null);
}
