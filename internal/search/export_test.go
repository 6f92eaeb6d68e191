package search

// ShardKey is shardKey, for the tests' reader of the index.
var ShardKey = shardKey
