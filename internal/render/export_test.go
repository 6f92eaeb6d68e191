package render

// SetMaxBytes bounds what c holds, for a test of forgetting.
func (c *Cache) SetMaxBytes(n int) { c.max = n }

// Bytes is what c holds.
func (c *Cache) Bytes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size
}

// Replaced is what Theme.replaced says.
func (t Theme) Replaced() map[string]bool {
	own, _ := t.own()
	return t.replaced(own)
}
