() => {
  /* How much of the window each shown plotly figure uses: the box of its drawing (the plot
   * areas of bars, the radar's circle, the map's regions, indicator tiles) and the box of all
   * it shows (drawing and texts), in CSS pixels of the window. */
  const union = (boxes) => {
    const shown = boxes.filter((b) => b.width > 0 && b.height > 0);
    if (!shown.length) return null;
    return {
      left: Math.min(...shown.map((b) => b.left)),
      top: Math.min(...shown.map((b) => b.top)),
      right: Math.max(...shown.map((b) => b.right)),
      bottom: Math.max(...shown.map((b) => b.bottom)),
    };
  };
  const boxes = (gd, selector) => [...gd.querySelectorAll(selector)].map((el) => el.getBoundingClientRect());
  const drawing = '.nsewdrag, .polar .plotbg, .choroplethlocation, .indicatorlayer .trace';
  return [...document.querySelectorAll('.js-plotly-plot')]
    .filter((gd) => gd.offsetParent !== null && gd.getBoundingClientRect().width > 0)
    .map((gd) => {
      const title = gd.querySelector('.gtitle');
      const texts = [...gd.querySelectorAll('svg text')]
        .filter((el) => !el.closest('.hoverlayer, .modebar') && el.textContent.trim())
        .map((el) => el.getBoundingClientRect());
      return {
        title: title ? title.textContent : '',
        drawing: union(boxes(gd, drawing)),
        content: union([...boxes(gd, drawing), ...texts]),
        window: {width: window.innerWidth, height: window.innerHeight},
      };
    });
}
