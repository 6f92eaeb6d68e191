package search

// ShardKey is shardKey, for the tests' reader of the index.
var ShardKey = shardKey

// FileName is fileName, the name of a term's or a key's file.
var FileName = fileName

// AppendText is appendText, the text of a body that a snippet is cut from.
var AppendText = appendText
