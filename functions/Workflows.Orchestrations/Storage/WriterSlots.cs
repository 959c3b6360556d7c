namespace Workflows.Orchestrations.Storage;

/// <summary>
/// Numbers for the writers of one instance that run at the same time: the lowest number not in use, back when the
/// writer is done. One writer at a time always gets 0; sixteen at once get 0..15.
/// </summary>
internal sealed class WriterSlots
{
    private readonly List<bool> _taken = [];

    public Slot Take()
    {
        lock (_taken)
        {
            var free = _taken.IndexOf(false);
            if (free < 0)
            {
                _taken.Add(true);
                return new Slot(this, _taken.Count - 1);
            }

            _taken[free] = true;
            return new Slot(this, free);
        }
    }

    private void Give(int number)
    {
        lock (_taken)
        {
            _taken[number] = false;
        }
    }

    public sealed class Slot(WriterSlots owner, int number) : IDisposable
    {
        public int Number => number;

        public void Dispose() => owner.Give(number);
    }
}
