package feeds

// Held is how many encoded entries w's cache holds.
func (w *Writer) Held() int {
	w.entries.mu.Lock()
	defer w.entries.mu.Unlock()
	return len(w.entries.done)
}
