import '@testing-library/jest-dom';

// jsdom has no scrolling; WordPress's notice components scroll a new notice into view.
window.scrollTo = () => undefined;
